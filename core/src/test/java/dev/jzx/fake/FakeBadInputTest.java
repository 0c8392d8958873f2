package dev.jzx.fake;

import dev.jzx.testsuite.BadInputSuite;

class FakeBadInputTest extends BadInputSuite {
    FakeBadInputTest() {
        super(FakeFixture.FAKE);
    }
}
