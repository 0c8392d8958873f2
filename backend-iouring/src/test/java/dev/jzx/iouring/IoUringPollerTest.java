package dev.jzx.iouring;

import dev.jzx.testsuite.PollerSuite;

class IoUringPollerTest extends PollerSuite {
    IoUringPollerTest() {
        super(IoUringFixture.IO_URING);
    }
}
