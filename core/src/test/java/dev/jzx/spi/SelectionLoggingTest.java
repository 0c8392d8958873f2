package dev.jzx.spi;

import dev.jzx.testsuite.LogRecords;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.Loop;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the selector logs through {@code System.Logger} "dev.jzx" (JUL here): a fallback at INFO
 * naming its cause (the exception itself at DEBUG), the choice at DEBUG, an open that fails at
 * WARNING with the exception, an unknown name in the preference at WARNING once.
 */
class SelectionLoggingTest {
    private final Logger jzx = Logger.getLogger("dev.jzx");
    private final Map<String, String> props = new HashMap<>();
    private Level oldLevel;
    private final LogRecords capture = new LogRecords();
    private final List<LogRecord> records = capture.records;

    @BeforeEach
    void capture() {
        oldLevel = jzx.getLevel();
        jzx.setLevel(Level.ALL);
        jzx.addHandler(capture);
    }

    @AfterEach
    void release() {
        jzx.removeHandler(capture);
        jzx.setLevel(oldLevel);
    }

    private List<LogRecord> at(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).collect(Collectors.toList());
    }

    private static String text(LogRecord r) {
        return r.getMessage();
    }

    @Test
    void aFallbackIsLoggedAtInfoWithItsCauseAndTheChoiceAtDebug() {
        BackendSelector s = new BackendSelector(List.of(StubProvider.unavailable("io_uring", 100, "io_uring_setup refused"),
                StubProvider.available("epoll", 200)), List.of(), props::get);
        try (Backends.Opened loop = s.open()) {
            assertEquals("epoll", loop.name());
        }
        List<LogRecord> info = at(Level.INFO);
        assertEquals(1, info.size(), records.stream().map(SelectionLoggingTest::text).collect(Collectors.toList()).toString());
        assertTrue(text(info.get(0)).contains("io_uring is unavailable, trying the next: io_uring_setup refused"), text(info.get(0)));
        assertTrue(text(info.get(0)).contains("UnsupportedOperationException"), "the cause is named: " + text(info.get(0)));
        List<LogRecord> debug = at(Level.FINE);
        assertTrue(debug.stream().anyMatch(r -> r.getThrown() instanceof UnsupportedOperationException),
                "the cause itself, with its stack trace, at DEBUG");
        assertTrue(debug.stream().anyMatch(r -> text(r).contains("jzx chose backend epoll after")), "the choice at DEBUG");
        assertEquals(List.of(), at(Level.WARNING));
    }

    @Test
    void noFallbackLogsNothingAboveDebug() {
        BackendSelector s = new BackendSelector(List.of(StubProvider.available("io_uring", 100)), List.of(), props::get);
        s.open().close();
        assertTrue(records.stream().allMatch(r -> r.getLevel().intValue() < Level.INFO.intValue()),
                "a normal choice must be quiet: " + records.stream().map(SelectionLoggingTest::text).collect(Collectors.toList()));
    }

    @Test
    void anOpenThatFailsIsOneWarningLineNamingTheExceptionWithItsStackAtDebug() {
        BackendSelector s = new BackendSelector(List.of(StubProvider.failingOpen("io_uring", 100),
                StubProvider.available("epoll", 200)), List.of(), props::get);
        s.open().close();
        List<LogRecord> warnings = at(Level.WARNING);
        assertEquals(1, warnings.size());
        assertTrue(text(warnings.get(0)).contains("io_uring is available but failed to open"));
        assertTrue(text(warnings.get(0)).contains("IllegalStateException"), text(warnings.get(0)));
        assertNull(warnings.get(0).getThrown(), "no stack trace at WARNING");
        assertTrue(records.stream().anyMatch(r -> r.getLevel().intValue() < Level.INFO.intValue()
                && r.getThrown() instanceof IllegalStateException), "the stack trace at DEBUG");
    }

    @Test
    void anUnknownNameInThePreferenceIsAWarningOnce() {
        props.put(Backends.PREFERENCE_PROPERTY, "epol,io_uring");
        BackendSelector s = new BackendSelector(List.of(StubProvider.available("io_uring", 100),
                StubProvider.available("epoll", 200)), List.of(), props::get);
        s.open().close();
        s.open().close();
        List<LogRecord> warnings = at(Level.WARNING);
        assertEquals(1, warnings.size(), "once per selector, not per open");
        assertTrue(text(warnings.get(0)).contains("'epol'") && text(warnings.get(0)).contains("Installed: io_uring, epoll"),
                text(warnings.get(0)));
    }
}
