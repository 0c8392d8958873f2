package dev.jzx.fake;

import dev.jzx.testsuite.ReadinessSuite;

class FakeReadinessTest extends ReadinessSuite {
    FakeReadinessTest() {
        super(FakeFixture.FAKE);
    }
}
