package dev.jzx.epoll;

import dev.jzx.testsuite.ReadinessSuite;

class EpollReadinessTest extends ReadinessSuite {
    EpollReadinessTest() {
        super(EpollFixture.EPOLL);
    }
}
