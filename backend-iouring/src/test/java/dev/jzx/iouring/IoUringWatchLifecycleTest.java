package dev.jzx.iouring;

import dev.jzx.testsuite.WatchLifecycleSuite;

class IoUringWatchLifecycleTest extends WatchLifecycleSuite {
    IoUringWatchLifecycleTest() {
        super(IoUringFixture.IO_URING);
    }
}
