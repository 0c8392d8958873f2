package dev.jzx.iouring;

import dev.jzx.testsuite.BackendFixture;

/** The conformance suite's view of this backend: required on Linux, never skipped there. */
final class IoUringFixture {
    static final BackendFixture IO_URING = BackendFixture.requiredOn("io_uring", "linux");

    private IoUringFixture() {
    }
}
