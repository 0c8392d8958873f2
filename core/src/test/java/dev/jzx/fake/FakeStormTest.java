package dev.jzx.fake;

import dev.jzx.testsuite.StormSuite;

class FakeStormTest extends StormSuite {
    FakeStormTest() {
        super(FakeFixture.FAKE);
    }
}
