package dev.jzx.epoll;

import dev.jzx.testsuite.FaultSuite;

class EpollFaultTest extends FaultSuite {
    EpollFaultTest() {
        super(EpollFixture.EPOLL);
    }
}
