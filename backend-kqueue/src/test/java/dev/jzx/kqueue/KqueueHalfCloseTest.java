package dev.jzx.kqueue;

import dev.jzx.testsuite.HalfCloseSuite;

class KqueueHalfCloseTest extends HalfCloseSuite {
    KqueueHalfCloseTest() {
        super(KqueueFixture.KQUEUE);
    }
}
