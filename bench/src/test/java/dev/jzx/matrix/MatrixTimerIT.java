package dev.jzx.matrix;

import dev.jzx.testsuite.TimerSuite;

class MatrixTimerIT extends TimerSuite {
    MatrixTimerIT() {
        super(Leg.FIXTURE);
    }
}
