package dev.jzx.epoll;

import dev.jzx.testsuite.BackendFixture;

/** The conformance suite's view of the epoll backend: required, and so never skipped, on Linux. */
final class EpollFixture {
    static final BackendFixture EPOLL;

    static {
        NettyNative.load(); // the suite's descriptors are Netty's
        EPOLL = BackendFixture.requiredOn("epoll", "linux");
    }

    private EpollFixture() {
    }
}
