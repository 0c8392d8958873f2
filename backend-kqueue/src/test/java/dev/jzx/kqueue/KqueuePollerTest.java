package dev.jzx.kqueue;

import dev.jzx.testsuite.PollerSuite;

class KqueuePollerTest extends PollerSuite {
    KqueuePollerTest() {
        super(KqueueFixture.KQUEUE);
    }
}
