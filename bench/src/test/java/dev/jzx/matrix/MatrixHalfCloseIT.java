package dev.jzx.matrix;

import dev.jzx.testsuite.HalfCloseSuite;

class MatrixHalfCloseIT extends HalfCloseSuite {
    MatrixHalfCloseIT() {
        super(Leg.FIXTURE);
    }
}
