package dev.jzx.fake;

import dev.jzx.testsuite.HalfCloseSuite;

class FakeHalfCloseTest extends HalfCloseSuite {
    FakeHalfCloseTest() {
        super(FakeFixture.FAKE);
    }
}
