package dev.jzx.iouring;

import dev.jzx.testsuite.WakeupSuite;

class IoUringWakeupTest extends WakeupSuite {
    IoUringWakeupTest() {
        super(IoUringFixture.IO_URING);
    }
}
