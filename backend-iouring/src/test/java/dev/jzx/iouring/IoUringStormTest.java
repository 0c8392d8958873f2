package dev.jzx.iouring;

import dev.jzx.testsuite.StormSuite;

class IoUringStormTest extends StormSuite {
    IoUringStormTest() {
        super(IoUringFixture.IO_URING);
    }
}
