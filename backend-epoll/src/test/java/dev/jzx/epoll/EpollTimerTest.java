package dev.jzx.epoll;

import dev.jzx.testsuite.TimerSuite;

class EpollTimerTest extends TimerSuite {
    EpollTimerTest() {
        super(EpollFixture.EPOLL);
    }
}
