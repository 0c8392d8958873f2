package dev.jzx.iouring;

import dev.jzx.testsuite.SoakSuite;

class IoUringSoakTest extends SoakSuite {
    IoUringSoakTest() {
        super(IoUringFixture.IO_URING);
    }
}
