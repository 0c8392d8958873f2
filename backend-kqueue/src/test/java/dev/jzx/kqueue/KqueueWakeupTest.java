package dev.jzx.kqueue;

import dev.jzx.testsuite.WakeupSuite;

class KqueueWakeupTest extends WakeupSuite {
    KqueueWakeupTest() {
        super(KqueueFixture.KQUEUE);
    }
}
