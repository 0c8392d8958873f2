package dev.jzx.epoll;

import dev.jzx.testsuite.StormSuite;

class EpollStormTest extends StormSuite {
    EpollStormTest() {
        super(EpollFixture.EPOLL);
    }
}
