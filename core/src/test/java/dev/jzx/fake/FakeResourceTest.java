package dev.jzx.fake;

import dev.jzx.testsuite.ResourceSuite;

class FakeResourceTest extends ResourceSuite {
    FakeResourceTest() {
        super(FakeFixture.FAKE);
    }
}
