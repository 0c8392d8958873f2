package dev.jzx.kqueue;

import dev.jzx.testsuite.SoakSuite;

class KqueueSoakTest extends SoakSuite {
    KqueueSoakTest() {
        super(KqueueFixture.KQUEUE);
    }
}
