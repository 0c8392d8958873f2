package dev.jzx.epoll;

import dev.jzx.testsuite.HalfCloseSuite;

class EpollHalfCloseTest extends HalfCloseSuite {
    EpollHalfCloseTest() {
        super(EpollFixture.EPOLL);
    }
}
