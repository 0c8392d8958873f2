package dev.jzx.epoll;

import dev.jzx.testsuite.SoakSuite;

class EpollSoakTest extends SoakSuite {
    EpollSoakTest() {
        super(EpollFixture.EPOLL);
    }
}
