package dev.jzx.matrix;

import dev.jzx.testsuite.ReadinessSuite;

class MatrixReadinessIT extends ReadinessSuite {
    MatrixReadinessIT() {
        super(Leg.FIXTURE);
    }
}
