package dev.jzx.kqueue;

import dev.jzx.testsuite.FaultSuite;

class KqueueFaultTest extends FaultSuite {
    KqueueFaultTest() {
        super(KqueueFixture.KQUEUE);
    }
}
