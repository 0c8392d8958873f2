package dev.jzx.epoll;

import dev.jzx.testsuite.ResourceSuite;

class EpollResourceTest extends ResourceSuite {
    EpollResourceTest() {
        super(EpollFixture.EPOLL);
    }
}
