package dev.jzx.matrix;

import dev.jzx.testsuite.SoakSuite;

class MatrixSoakIT extends SoakSuite {
    MatrixSoakIT() {
        super(Leg.FIXTURE);
    }
}
