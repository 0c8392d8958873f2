package dev.jzx;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.spi.Backend;
import dev.jzx.spi.BackendProvider;
import dev.jzx.spi.ReadySink;
import dev.jzx.spi.StubProvider;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
        withProperty(Poller.THREADS_PROPERTY, "two", () -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Poller::open);
            assertTrue(e.getMessage().contains("-Djzx.poller.threads must be a positive number, was 'two'"), e.getMessage());
        });
        withProperty(Poller.THREADS_PROPERTY, "0", () -> assertThrows(IllegalArgumentException.class, Poller::open));
        withProperty(Poller.THREADS_PROPERTY, "2", () -> {
            try (Poller p = Poller.open()) {
                assertTrue(p.toString().contains("2 threads"), p.toString());
            }
        });
    }

    @Test
    void theSubPollersPropertyIsChecked() {
        withProperty(Poller.SUB_POLLERS_PROPERTY, "-1", () -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Poller::open);
            assertTrue(e.getMessage().contains("-Djzx.poller.subPollers must be a number >= 0, was '-1'"), e.getMessage());
        });
        withProperty(Poller.SUB_POLLERS_PROPERTY, "many", () -> assertThrows(IllegalArgumentException.class, Poller::open));
        withProperty(Poller.SUB_POLLERS_PROPERTY, "0", () -> {
            try (Poller p = Poller.open()) {
                assertTrue(p.toString().contains("1 thread"), p.toString());
            }
        });
    }

    /** Runs {@code body} with the system property {@code key} set to {@code value}, then restores it. */
    private static void withProperty(String key, String value, Runnable body) {
        String before = System.getProperty(key);
        System.setProperty(key, value);
        try {
            body.run();
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }

    /** A backend whose wait breaks once an fd is registered. */
    private static final class BreakingBackend implements Backend {
        private final Semaphore wake = new Semaphore(0);
        private volatile boolean registered;

        @Override
        public int register(int fd, int interest, int token) {
            registered = true;
            return ARMED;
        }

        @Override
        public void reregister(int fd, int interest, int token) {
        }

        @Override
        public void deregister(int fd) {
        }

        @Override
        public void poll(long timeoutNanos, ReadySink sink) {
            if (registered) {
                throw new IllegalStateException("the kernel wait broke");
            }
            try {
                if (timeoutNanos < 0) {
                    wake.acquire();
                } else {
                    wake.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void wakeup() {
            wake.release();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aPollerThreadWhoseLoopFailsFailsItsWaitsNamingTheCause() throws Exception {
        BackendProvider breaking = StubProvider.opening("breaking", BreakingBackend::new);
        try (Poller poller = Poller.open(breaking, 1)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> poller.whenReady(5, Io.READ).get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
            assertTrue(e.getCause().getMessage().contains("failed: java.lang.IllegalStateException: the kernel wait broke"),
                    e.getCause().getMessage());
            IllegalStateException later = assertThrows(IllegalStateException.class, () -> poller.await(5, Io.READ));
            assertTrue(later.getMessage().contains("the kernel wait broke"), later.getMessage());
        }
    }
}
