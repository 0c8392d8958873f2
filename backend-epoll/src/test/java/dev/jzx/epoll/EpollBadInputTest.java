package dev.jzx.epoll;

import dev.jzx.testsuite.BadInputSuite;

class EpollBadInputTest extends BadInputSuite {
    EpollBadInputTest() {
        super(EpollFixture.EPOLL);
    }
}
