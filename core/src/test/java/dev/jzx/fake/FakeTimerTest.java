package dev.jzx.fake;

import dev.jzx.testsuite.TimerSuite;

class FakeTimerTest extends TimerSuite {
    FakeTimerTest() {
        super(FakeFixture.FAKE);
    }
}
