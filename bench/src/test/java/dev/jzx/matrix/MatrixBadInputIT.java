package dev.jzx.matrix;

import dev.jzx.testsuite.BadInputSuite;

class MatrixBadInputIT extends BadInputSuite {
    MatrixBadInputIT() {
        super(Leg.FIXTURE);
    }
}
