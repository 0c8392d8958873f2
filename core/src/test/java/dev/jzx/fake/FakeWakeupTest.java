package dev.jzx.fake;

import dev.jzx.testsuite.WakeupSuite;

class FakeWakeupTest extends WakeupSuite {
    FakeWakeupTest() {
        super(FakeFixture.FAKE);
    }
}
