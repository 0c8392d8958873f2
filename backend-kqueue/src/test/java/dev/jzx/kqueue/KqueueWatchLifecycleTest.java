package dev.jzx.kqueue;

import dev.jzx.testsuite.WatchLifecycleSuite;

class KqueueWatchLifecycleTest extends WatchLifecycleSuite {
    KqueueWatchLifecycleTest() {
        super(KqueueFixture.KQUEUE);
    }
}
