package dev.jzx.iouring;

import dev.jzx.testsuite.ModelSuite;

class IoUringModelTest extends ModelSuite {
    IoUringModelTest() {
        super(IoUringFixture.IO_URING);
    }
}
