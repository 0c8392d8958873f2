package dev.jzx.fake;

import dev.jzx.testsuite.SoakSuite;

class FakeSoakTest extends SoakSuite {
    FakeSoakTest() {
        super(FakeFixture.FAKE);
    }
}
