package dev.jzx.kqueue;

import dev.jzx.testsuite.BackendFixture;

/** The conformance suite's view of the kqueue backend: required on macOS and the BSDs, skipped elsewhere. */
final class KqueueFixture {
    static final BackendFixture KQUEUE = BackendFixture.requiredOn("kqueue", "mac", "bsd");

    private KqueueFixture() {
    }
}
