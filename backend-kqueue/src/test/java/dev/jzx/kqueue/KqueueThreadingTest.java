package dev.jzx.kqueue;

import dev.jzx.testsuite.ThreadingSuite;

class KqueueThreadingTest extends ThreadingSuite {
    KqueueThreadingTest() {
        super(KqueueFixture.KQUEUE);
    }
}
