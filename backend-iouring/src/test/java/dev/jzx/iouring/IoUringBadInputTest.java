package dev.jzx.iouring;

import dev.jzx.testsuite.BadInputSuite;

class IoUringBadInputTest extends BadInputSuite {
    IoUringBadInputTest() {
        super(IoUringFixture.IO_URING);
    }
}
