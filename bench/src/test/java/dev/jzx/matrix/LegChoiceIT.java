package dev.jzx.matrix;

import dev.jzx.testsuite.LogRecords;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.Loop;
import dev.jzx.testsuite.BackendFixture;
import java.util.List;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The leg's flags make {@code Loop.open()} choose the expected backend, and a fallback says why. */
class LegChoiceIT {

    @Test
    void loopOpenChoosesTheBackendTheFlagsAskFor() {
        Leg.FIXTURE.requireAvailable();
        try (Loop loop = Loop.open()) {
            assertEquals(System.getProperty(BackendFixture.EXPECT_PROPERTY), loop.backend(),
                    "leg " + Leg.name() + ": Loop.open() under this JVM's flags");
        }
    }

    @Test
    void aFallbackIsLoggedWithItsCauseAndOnlyThen() {
        Leg.FIXTURE.requireAvailable();
        LogRecords capture = new LogRecords();
        List<LogRecord> records = capture.records;
        Logger jzx = Logger.getLogger("dev.jzx");
        jzx.addHandler(capture);
        try (Loop loop = Loop.open()) {
            assertEquals(System.getProperty(BackendFixture.EXPECT_PROPERTY), loop.backend());
        } finally {
            jzx.removeHandler(capture);
        }
        List<String> fallbacks = records.stream().map(LogRecord::getMessage)
                .filter(m -> m.contains("is unavailable, trying the next")).toList();
        if ("fallback".equals(Leg.name())) {
            assertTrue(fallbacks.stream().anyMatch(m -> m.contains("io_uring") && m.contains("jzx.iouring.disable")),
                    "no log record says why io_uring was skipped: " + fallbacks);
        } else {
            assertEquals(List.of(), fallbacks, "leg " + Leg.name() + " fell back, yet its backend should be first");
        }
    }
}
