package dev.jzx.iouring;

import dev.jzx.testsuite.FaultSuite;

class IoUringFaultTest extends FaultSuite {
    IoUringFaultTest() {
        super(IoUringFixture.IO_URING);
    }
}
