package dev.jzx.kqueue;

import dev.jzx.testsuite.TimerSuite;

class KqueueTimerTest extends TimerSuite {
    KqueueTimerTest() {
        super(KqueueFixture.KQUEUE);
    }
}
