package dev.jzx.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.BackendUnavailableException;
import dev.jzx.JfrRecordings;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/** The {@code dev.jzx.BackendSelection} JFR event of the selector. */
class SelectionEventTest {
    @Test
    void aSelectionEventNamesTheChoiceWhyAndWhatWasSkipped() throws IOException {
        BackendSelector s = new BackendSelector(List.of(
                StubProvider.unavailable("io_uring", 100, "io_uring_setup refused"),
                StubProvider.available("epoll", 200)), List.of(), Map.<String, String>of()::get);
        List<RecordedEvent> events = JfrRecordings.named(JfrRecordings.record(JfrRecordings.enabling(JfrRecordings.SELECTION), () -> {
            s.open().close();
            assertThrows(BackendUnavailableException.class, () -> s.open("nope"));
        }), JfrRecordings.SELECTION);
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

}
