package dev.jzx.epoll;

import dev.jzx.testsuite.WakeupSuite;

class EpollWakeupTest extends WakeupSuite {
    EpollWakeupTest() {
        super(EpollFixture.EPOLL);
    }
}
