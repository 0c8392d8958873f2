package dev.jzx;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What the conformance suite does not cover: the shared poller, and opening with bad arguments. */
class PollerTest {

    @Test
    void theSharedPollerIsOneAndCannotBeClosed() throws Exception {
        Poller shared = Poller.shared();
        assertSame(shared, Poller.shared());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, shared::close);
        assertTrue(e.getMessage().contains("shared"), e.getMessage());
        assertTrue(shared.toString().contains("shared"), shared.toString());
    }

    @Test
    void openingWithBadArgumentsSaysWhat() {
        IllegalArgumentException threads = assertThrows(IllegalArgumentException.class, () -> Poller.open("fake", 0));
        assertTrue(threads.getMessage().contains("threads must be >= 1, was 0"), threads.getMessage());
        BackendUnavailableException unknown = assertThrows(BackendUnavailableException.class, () -> Poller.open("nope", 1));
        assertTrue(unknown.getMessage().contains("nope"), unknown.getMessage());
        assertThrows(NullPointerException.class, () -> Poller.open((String) null, 1));
        assertThrows(NullPointerException.class, () -> Poller.open((dev.jzx.spi.BackendProvider) null, 1));
    }

    @Test
    void theThreadsPropertyIsChecked() {
        String before = System.getProperty(Poller.THREADS_PROPERTY);
        try {
            System.setProperty(Poller.THREADS_PROPERTY, "two");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Poller::open);
            assertTrue(e.getMessage().contains("-Djzx.poller.threads must be a positive number, was 'two'"), e.getMessage());
            System.setProperty(Poller.THREADS_PROPERTY, "0");
            assertThrows(IllegalArgumentException.class, Poller::open);
            System.setProperty(Poller.THREADS_PROPERTY, "2");
            try (Poller p = Poller.open()) {
                assertTrue(p.toString().contains("2 threads"), p.toString());
            }
        } finally {
            if (before == null) {
                System.clearProperty(Poller.THREADS_PROPERTY);
            } else {
                System.setProperty(Poller.THREADS_PROPERTY, before);
            }
        }
    }
}
