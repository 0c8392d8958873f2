package dev.jzx.fake;

import dev.jzx.testsuite.ModelSuite;

class FakeModelTest extends ModelSuite {
    FakeModelTest() {
        super(FakeFixture.FAKE);
    }
}
