package dev.jzx.fake;

import dev.jzx.testsuite.ThreadingSuite;

class FakeThreadingTest extends ThreadingSuite {
    FakeThreadingTest() {
        super(FakeFixture.FAKE);
    }
}
