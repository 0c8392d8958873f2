package dev.jzx.iouring;

import dev.jzx.testsuite.TimerSuite;

class IoUringTimerTest extends TimerSuite {
    IoUringTimerTest() {
        super(IoUringFixture.IO_URING);
    }
}
