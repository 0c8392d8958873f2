package dev.jzx.matrix;

import dev.jzx.testsuite.ThreadingSuite;

class MatrixThreadingIT extends ThreadingSuite {
    MatrixThreadingIT() {
        super(Leg.FIXTURE);
    }
}
