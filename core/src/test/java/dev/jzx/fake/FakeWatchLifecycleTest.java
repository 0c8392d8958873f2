package dev.jzx.fake;

import dev.jzx.testsuite.WatchLifecycleSuite;

class FakeWatchLifecycleTest extends WatchLifecycleSuite {
    FakeWatchLifecycleTest() {
        super(FakeFixture.FAKE);
    }
}
