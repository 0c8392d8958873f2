package dev.jzx.internal;

import static dev.jzx.Io.READ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.BackendUnavailableException;
import dev.jzx.Loop;
import dev.jzx.RunMode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** The JFR events: their fields when a recording enables them, and no cost when it does not. */
class JfrEventsTest {

    private static List<RecordedEvent> record(Recording r, Runnable work) throws IOException {
        r.start();
        try {
            work.run();
        } finally {
            r.stop();
        }
        Path file = Files.createTempFile("jzx-jfr", ".jfr");
        try {
            r.dump(file);
            return RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().startsWith("dev.jzx."))
                    .collect(Collectors.toList());
        } finally {
            r.close();
            Files.deleteIfExists(file);
        }
    }

    private static Recording enabling(String... names) {
        Recording r = new Recording();
        for (String n : names) {
            r.enable(n).withThreshold(Duration.ZERO);
        }
        return r;
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }

    @Test
    void aRunEventCarriesWhatTheRunDid() throws IOException {
        ScriptedBackend backend = new ScriptedBackend();
        LoopRuntime loop = new LoopRuntime("scripted", backend, true);
        loop.watch(3, READ, (fd, r) -> true);
        loop.watch(4, READ, (fd, r) -> true);
        loop.watch(5, READ, (fd, r) -> false); // returning false drops its interest: one change
        List<RecordedEvent> events = record(enabling(RunEvent.NAME), () -> {
            assertEquals(3, loop.run(RunMode.NO_WAIT));
            assertEquals(2, loop.run(7, TimeUnit.MILLISECONDS));
        });
        List<RecordedEvent> runs = named(events, RunEvent.NAME);
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
        LoopRuntime loop = new LoopRuntime("scripted", new ScriptedBackend(), true);
        loop.watch(3, READ, (fd, r) -> {
            throw new IllegalStateException("handler bug");
        });
        List<RecordedEvent> runs = named(record(enabling(RunEvent.NAME),
                () -> assertThrows(IllegalStateException.class, () -> loop.run(RunMode.NO_WAIT))), RunEvent.NAME);
        assertEquals(1, runs.size());
        assertTrue(runs.get(0).getBoolean("threw"));
        loop.close();
    }

    @Test
    void aSelectionEventNamesTheChoiceWhyAndWhatWasSkipped() throws IOException {
        BackendSelector s = new BackendSelector(List.of(
                StubProvider.unavailable("io_uring", 100, "io_uring_setup refused"),
                StubProvider.available("epoll", 200)), List.of(), Map.<String, String>of()::get);
        List<RecordedEvent> events = named(record(enabling(SelectionEvent.NAME), () -> {
            s.open().close();
            assertThrows(BackendUnavailableException.class, () -> s.open("nope"));
        }), SelectionEvent.NAME);
        assertEquals(2, events.size(), events.toString());
        RecordedEvent chosen = events.get(0);
        assertEquals("epoll", chosen.getString("chosen"));
        assertTrue(chosen.getString("reason").startsWith("first available in the default order"),
                chosen.getString("reason"));
        assertEquals("io_uring, epoll", chosen.getString("order"));
        assertTrue(chosen.getString("skipped").startsWith("io_uring: io_uring_setup refused"), chosen.getString("skipped"));
        assertEquals("", chosen.getString("failure"));
        RecordedEvent failed = events.get(1);
        assertEquals("", failed.getString("chosen"));
        assertTrue(failed.getString("failure").contains("no such backend"), failed.getString("failure"));
    }

    @Test
    void runEventsAreOffInARecordingThatDoesNotAskForThemAndCostNoAllocation() throws IOException {
        ScriptedBackend backend = new ScriptedBackend();
        backend.record = false;
        LoopRuntime loop = new LoopRuntime("scripted", backend, true);
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
        List<RecordedEvent> events = record(profile, () -> {
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
        assertEquals(List.of(), named(events, RunEvent.NAME), "dev.jzx.Run must be off unless enabled by name");
        assertTrue(allocated[0] < 64 * 1024, allocated[0] + " bytes allocated by 10000 runs with dev.jzx.Run disabled");
        loop.close();
    }

    @Test
    void openThroughTheApiIsRecordedToo() throws IOException {
        // the fake backend in core's test resources is found by the system selector
        List<RecordedEvent> events = named(record(enabling(SelectionEvent.NAME), () -> Loop.open("fake").close()),
                SelectionEvent.NAME);
        assertEquals(1, events.size(), events.toString());
        assertEquals("fake", events.get(0).getString("chosen"));
        assertEquals("asked for by name (Loop.open(String))", events.get(0).getString("reason"));
    }
}
