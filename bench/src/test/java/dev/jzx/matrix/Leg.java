package dev.jzx.matrix;

import dev.jzx.testsuite.BackendFixture;

/**
 * This JVM's leg of the backend matrix: the backend is chosen by the real flags the leg's
 * failsafe execution sets ({@code -Djzx.backend}, {@code -Djzx.backend.preference},
 * {@code -Djzx.iouring.disable}), and {@code -Djzx.matrix.expect} names the one it must be.
 */
final class Leg {
    static final String NAME_PROPERTY = "jzx.matrix.leg";

    static final BackendFixture FIXTURE = "kqueue".equals(System.getProperty(BackendFixture.EXPECT_PROPERTY))
            ? BackendFixture.selectedByFlags("mac", "bsd")
            : BackendFixture.selectedByFlags("linux");

    private Leg() {
    }

    static String name() {
        return System.getProperty(NAME_PROPERTY, "?");
    }
}
