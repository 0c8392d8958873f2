package dev.jzx.iouring;

import dev.jzx.testsuite.ThreadingSuite;

class IoUringThreadingTest extends ThreadingSuite {
    IoUringThreadingTest() {
        super(IoUringFixture.IO_URING);
    }
}
