package dev.jzx.kqueue;

import dev.jzx.testsuite.ModelSuite;

class KqueueModelTest extends ModelSuite {
    KqueueModelTest() {
        super(KqueueFixture.KQUEUE);
    }
}
