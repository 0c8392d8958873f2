package dev.jzx.epoll;

import dev.jzx.testsuite.PollerSuite;

class EpollPollerTest extends PollerSuite {
    EpollPollerTest() {
        super(EpollFixture.EPOLL);
    }
}
