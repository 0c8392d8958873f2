package dev.jzx.fake;

import dev.jzx.testsuite.FaultSuite;

class FakeFaultTest extends FaultSuite {
    FakeFaultTest() {
        super(FakeFixture.FAKE);
    }
}
