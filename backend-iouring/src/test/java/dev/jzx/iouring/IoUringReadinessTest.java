package dev.jzx.iouring;

import dev.jzx.testsuite.ReadinessSuite;

class IoUringReadinessTest extends ReadinessSuite {
    IoUringReadinessTest() {
        super(IoUringFixture.IO_URING);
    }
}
