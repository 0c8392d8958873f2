package dev.jzx.kqueue;

import dev.jzx.testsuite.ReadinessSuite;

class KqueueReadinessTest extends ReadinessSuite {
    KqueueReadinessTest() {
        super(KqueueFixture.KQUEUE);
    }
}
