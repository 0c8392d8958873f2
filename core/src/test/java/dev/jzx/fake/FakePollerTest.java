package dev.jzx.fake;

import dev.jzx.testsuite.PollerSuite;

class FakePollerTest extends PollerSuite {
    FakePollerTest() {
        super(FakeFixture.FAKE);
    }
}
