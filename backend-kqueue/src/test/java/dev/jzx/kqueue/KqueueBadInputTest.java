package dev.jzx.kqueue;

import dev.jzx.testsuite.BadInputSuite;

class KqueueBadInputTest extends BadInputSuite {
    KqueueBadInputTest() {
        super(KqueueFixture.KQUEUE);
    }
}
