package dev.jzx.iouring;

import dev.jzx.testsuite.ResourceSuite;

class IoUringResourceTest extends ResourceSuite {
    IoUringResourceTest() {
        super(IoUringFixture.IO_URING);
    }
}
