package dev.jzx.matrix;

import dev.jzx.testsuite.ModelSuite;

class MatrixModelIT extends ModelSuite {
    MatrixModelIT() {
        super(Leg.FIXTURE);
    }
}
