package dev.jzx.matrix;

import dev.jzx.testsuite.ResourceSuite;

class MatrixResourceIT extends ResourceSuite {
    MatrixResourceIT() {
        super(Leg.FIXTURE);
    }
}
