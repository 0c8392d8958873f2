package dev.jzx.iouring;

import dev.jzx.testsuite.HalfCloseSuite;

class IoUringHalfCloseTest extends HalfCloseSuite {
    IoUringHalfCloseTest() {
        super(IoUringFixture.IO_URING);
    }
}
