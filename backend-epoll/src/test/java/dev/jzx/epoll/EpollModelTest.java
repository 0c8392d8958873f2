package dev.jzx.epoll;

import dev.jzx.testsuite.ModelSuite;

class EpollModelTest extends ModelSuite {
    EpollModelTest() {
        super(EpollFixture.EPOLL);
    }
}
