package dev.jzx.epoll;

import dev.jzx.testsuite.WatchLifecycleSuite;

class EpollWatchLifecycleTest extends WatchLifecycleSuite {
    EpollWatchLifecycleTest() {
        super(EpollFixture.EPOLL);
    }
}
