package dev.jzx.fake;

import dev.jzx.testsuite.BackendFixture;

/** The conformance suite's view of the fake backend. */
final class FakeFixture {
    static final BackendFixture FAKE = BackendFixture.of("fake", FakeFds::new);

    private FakeFixture() {
    }
}
