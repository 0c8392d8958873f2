package dev.jzx.epoll;

import dev.jzx.testsuite.ThreadingSuite;

class EpollThreadingTest extends ThreadingSuite {
    EpollThreadingTest() {
        super(EpollFixture.EPOLL);
    }
}
