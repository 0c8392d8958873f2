package dev.jzx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line: bad input gets one line naming what was wrong, the usage, and exit status 2. */
class JzxCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return JzxCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String firstErrorLine() {
        return err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertEquals(2, run("frobnicate"));
        assertEquals("jzx: unknown command 'frobnicate'", firstErrorLine());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage:"));
    }

    @Test
    void badBenchOptionsAreUsageErrors() {
        assertEquals(2, run("bench", "--fast"));
        assertEquals("jzx: unknown bench option '--fast'", firstErrorLine());
        err.reset();
        assertEquals(2, run("bench", "--scenarios", "pingpong,nope"));
        assertTrue(firstErrorLine().startsWith("jzx: unknown scenario 'nope'; scenarios: pingpong,"), firstErrorLine());
        err.reset();
        assertEquals(2, run("bench", "--json"));
        assertEquals("jzx: --json needs a value", firstErrorLine());
        err.reset();
        assertEquals(2, run("bench", "--rounds", "0"));
        assertEquals("jzx: --rounds needs a whole number of at least 1, not '0'", firstErrorLine());
        err.reset();
        assertEquals(2, run("bench", "--rounds", "three"));
        assertEquals("jzx: --rounds needs a whole number of at least 1, not 'three'", firstErrorLine());
        err.reset();
        assertEquals(2, run("bench", "--backends", "nope", "--no-c-floor"));
        assertTrue(firstErrorLine().startsWith("jzx: backend 'nope' is not available here; available: "),
                firstErrorLine());
    }

    @Test
    void doctorTakesNoOptions() {
        assertEquals(2, run("doctor", "--verbose"));
        assertEquals("jzx: doctor takes no options, got --verbose", firstErrorLine());
    }

    @Test
    void anUnknownForcedBackendEndsEveryCommandInOneLine() {
        System.setProperty("jzx.backend", "nope");
        try {
            assertEquals(1, run("doctor"));
            String all = err.toString(StandardCharsets.UTF_8);
            assertEquals(1, all.lines().count(), all);
            assertTrue(all.startsWith("jzx: -Djzx.backend=nope: no such backend; known: "), all);
            assertTrue(all.contains("available: "), all);
            err.reset();
            assertEquals(1, run("bench", "--no-c-floor"));
            assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count());
        } finally {
            System.clearProperty("jzx.backend");
        }
    }

    @Test
    void noArgumentsPrintsTheUsage() {
        assertEquals(2, run());
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage:"));
        assertEquals(0, run("--help"));
    }
}
