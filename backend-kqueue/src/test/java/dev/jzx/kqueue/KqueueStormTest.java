package dev.jzx.kqueue;

import dev.jzx.testsuite.StormSuite;

class KqueueStormTest extends StormSuite {
    KqueueStormTest() {
        super(KqueueFixture.KQUEUE);
    }
}
