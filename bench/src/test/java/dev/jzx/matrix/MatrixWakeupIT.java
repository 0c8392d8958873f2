package dev.jzx.matrix;

import dev.jzx.testsuite.WakeupSuite;

class MatrixWakeupIT extends WakeupSuite {
    MatrixWakeupIT() {
        super(Leg.FIXTURE);
    }
}
