package dev.jzx;

import static dev.jzx.Io.READ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.spi.Backends;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/** The JFR events: their fields when a recording enables them, and no cost when it does not. */
class JfrEventsTest {

    @Test
    void aRunEventCarriesWhatTheRunDid() throws IOException {
        ScriptedBackend backend = new ScriptedBackend();
        LoopRuntime loop = new LoopRuntime(new Backends.Opened("scripted", backend));
        loop.watch(3, READ, (fd, r) -> true);
        loop.watch(4, READ, (fd, r) -> true);
        loop.watch(5, READ, (fd, r) -> false); // returning false drops its interest: one change
        List<RecordedEvent> events = JfrRecordings.record(JfrRecordings.enabling(JfrRecordings.RUN), () -> {
            assertEquals(3, loop.run(RunMode.NO_WAIT));
            assertEquals(2, loop.run(7, TimeUnit.MILLISECONDS));
        });
        List<RecordedEvent> runs = JfrRecordings.named(events, JfrRecordings.RUN);
        assertEquals(2, runs.size(), "one event per run: " + events);
        RecordedEvent first = runs.get(0);
        assertEquals("scripted", first.getString("backend"));
        assertEquals(3, first.getInt("delivered"));
        assertEquals(1, first.getInt("watchesChanged"));
        assertEquals(1, first.getInt("waits"));
        assertEquals(0L, first.getLong("timeout"));
        assertEquals("NO_WAIT", first.getString("mode"));
        assertTrue(first.getDuration("blocked").toNanos() >= 0);
        assertTrue(first.getDuration("blocked").compareTo(first.getDuration()) <= 0, "blocked within the run");
        assertEquals(false, first.getBoolean("threw"));
        RecordedEvent second = runs.get(1);
        assertEquals(2, second.getInt("delivered"));
        assertEquals(0, second.getInt("watchesChanged"));
        assertEquals(TimeUnit.MILLISECONDS.toNanos(7), second.getLong("timeout"));
        assertEquals("TIMEOUT", second.getString("mode"));
        loop.close();
    }

    @Test
    void aRunThatThrowsIsRecordedAsSuch() throws IOException {
        LoopRuntime loop = new LoopRuntime(new Backends.Opened("scripted", new ScriptedBackend()));
        loop.watch(3, READ, (fd, r) -> {
            throw new IllegalStateException("handler bug");
        });
        List<RecordedEvent> runs = JfrRecordings.named(JfrRecordings.record(JfrRecordings.enabling(JfrRecordings.RUN),
                () -> assertThrows(IllegalStateException.class, () -> loop.run(RunMode.NO_WAIT))), JfrRecordings.RUN);
        assertEquals(1, runs.size());
        assertTrue(runs.get(0).getBoolean("threw"));
        loop.close();
    }

    @Test
    void runEventsAreOffInARecordingThatDoesNotAskForThemAndCostNoAllocation() throws IOException {
        ScriptedBackend backend = new ScriptedBackend();
        backend.record = false;
        LoopRuntime loop = new LoopRuntime(new Backends.Opened("scripted", backend));
        for (int fd = 10; fd < 110; fd++) {
            loop.watch(fd, READ, (fd1, r) -> true);
        }
        long[] allocated = {0};
        Recording profile;
        try {
            profile = new Recording(Configuration.getConfiguration("profile"));
        } catch (java.text.ParseException e) {
            throw new IOException(e);
        }
        List<RecordedEvent> events = JfrRecordings.record(profile, () -> {
            for (int i = 0; i < 20_000; i++) { // warm up with JFR initialized and the event disabled
                loop.run(RunMode.NO_WAIT);
            }
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long tid = Thread.currentThread().getId();
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 10_000; i++) {
                loop.run(RunMode.NO_WAIT);
            }
            allocated[0] = mx.getThreadAllocatedBytes(tid) - before;
        });
        assertEquals(List.of(), JfrRecordings.named(events, JfrRecordings.RUN), "dev.jzx.Run must be off unless enabled by name");
        assertTrue(allocated[0] < 64 * 1024, allocated[0] + " bytes allocated by 10000 runs with dev.jzx.Run disabled");
        loop.close();
    }

    @Test
    void openThroughTheApiIsRecordedToo() throws IOException {
        // the fake backend in core's test resources is found by the system selector
        List<RecordedEvent> events = JfrRecordings.named(JfrRecordings.record(JfrRecordings.enabling(JfrRecordings.SELECTION), () -> Loop.open("fake").close()),
                JfrRecordings.SELECTION);
        assertEquals(1, events.size(), events.toString());
        assertEquals("fake", events.get(0).getString("chosen"));
        assertEquals("asked for by name (Loop.open(String))", events.get(0).getString("reason"));
    }
}
