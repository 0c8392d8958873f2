package dev.jzx.matrix;

import dev.jzx.testsuite.FaultSuite;

class MatrixFaultIT extends FaultSuite {
    MatrixFaultIT() {
        super(Leg.FIXTURE);
    }
}
