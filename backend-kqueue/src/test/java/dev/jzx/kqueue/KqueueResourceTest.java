package dev.jzx.kqueue;

import dev.jzx.testsuite.ResourceSuite;

class KqueueResourceTest extends ResourceSuite {
    KqueueResourceTest() {
        super(KqueueFixture.KQUEUE);
    }
}
