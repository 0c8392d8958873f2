package dev.jzx.matrix;

import dev.jzx.testsuite.WatchLifecycleSuite;

class MatrixWatchLifecycleIT extends WatchLifecycleSuite {
    MatrixWatchLifecycleIT() {
        super(Leg.FIXTURE);
    }
}
