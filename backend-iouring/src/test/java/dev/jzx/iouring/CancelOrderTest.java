package dev.jzx.iouring;

import dev.jzx.internal.Errnos;
import dev.jzx.spi.PollBits;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static dev.jzx.Io.READ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two completions of a cancel (POLL_REMOVE's result and the poll's own final completion) in
 * every order and with every result the kernel gives (0, -ENOENT, -EALREADY), played into an
 * {@link FdWatch} whose ring is a recorder, so the order is the test's choice.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "io_uring exists on Linux only")
class CancelOrderTest {
    private static final int POLLIN = PollBits.POLLIN;

    /** Records requests; hands out distinct ids; completes nothing by itself. */
    private static final class RecordingRing implements Ring {
        final List<String> submitted = new ArrayList<>();

        @Override
        public int generationMask() {
            return 0x7FFF;
        }

        @Override
        public void enter() {
        }

        @Override
        public void leave() {
        }

        @Override
        public long pollAdd(int fd, int events, boolean multishot, int generation) {
            submitted.add("POLL_ADD " + fd);
            return submitted.size();
        }

        @Override
        public void pollRemove(int fd, long target, int generation) {
            submitted.add("POLL_REMOVE " + target);
        }

        @Override
        public void pollUpdate(int fd, long target, int events, int generation) {
            submitted.add("POLL_UPDATE " + target);
        }

        @Override
        public void run(long timeoutNanos, RingCompletions completions) {
        }

        @Override
        public long enters() {
            return 0;
        }

        @Override
        public void wakeup() {
        }

        @Override
        public void close() {
        }
    }

    private static void pollDone(FdWatch w, int res, int generation) {
        w.completed(false, generation, res, 0);
    }

    private static void removeDone(FdWatch w, int res, int generation) {
        w.completed(true, generation, res, 0);
    }

    private interface Scenario {
        void play(FdWatch w, int oldGeneration);
    }

    private void check(String name, Scenario scenario) {
        try (BackendHarness h = new BackendHarness()) {
            RecordingRing reg = new RecordingRing();
            FdWatch w = new FdWatch(42, h.backend, reg);
            w.watch(READ, 1);
            w.armIfQueued();
            assertEquals(1, reg.submitted.size(), "POLL_ADD");
            int oldGeneration = w.generation;
            w.unwatch();
            assertEquals(2, reg.submitted.size(), "POLL_REMOVE");
            assertFalse(w.isQuiescent(), name + ": freed before the kernel was done");
            scenario.play(w, oldGeneration);
            assertTrue(w.isQuiescent(), name + ": not freed once both completions arrived: " + w);
            assertEquals(0, w.inFlight, name);
            assertEquals(1, h.backend.counts.staleCompletions, name + ": the poll's completion was not dropped");
            // The number is watched again: the generation of the cancelled arming is not reused
            // while in flight, and a late duplicate of it would be stale.
            w.watch(READ, 2);
            w.armIfQueued();
            assertTrue(w.generation != oldGeneration || w.isQuiescent(), name);
        }
    }

    @Test
    void removedThenCancelledCompletion() {
        check("0 then -ECANCELED", (w, g) -> {
            removeDone(w, 0, g);
            assertFalse(w.isQuiescent());
            pollDone(w, -Errnos.ECANCELED, g);
        });
    }

    @Test
    void cancelledCompletionThenRemoved() {
        check("-ECANCELED then 0", (w, g) -> {
            pollDone(w, -Errnos.ECANCELED, g);
            assertFalse(w.isQuiescent());
            removeDone(w, 0, g);
        });
    }

    @Test
    void firedThenNotFound() {
        check("POLLIN then -ENOENT", (w, g) -> {
            pollDone(w, POLLIN, g);
            assertFalse(w.isQuiescent());
            removeDone(w, -Errnos.ENOENT, g);
        });
    }

    @Test
    void notFoundThenFired() {
        check("-ENOENT then POLLIN", (w, g) -> {
            removeDone(w, -Errnos.ENOENT, g);
            assertFalse(w.isQuiescent());
            pollDone(w, POLLIN, g);
        });
    }

    @Test
    void alreadyThenFired() {
        check("-EALREADY then POLLIN", (w, g) -> {
            removeDone(w, -Errnos.EALREADY, g);
            assertFalse(w.isQuiescent());
            pollDone(w, POLLIN, g);
        });
    }

    @Test
    void firedThenAlready() {
        check("POLLIN then -EALREADY", (w, g) -> {
            pollDone(w, POLLIN, g);
            assertFalse(w.isQuiescent());
            removeDone(w, -Errnos.EALREADY, g);
        });
    }

    @Test
    void aStaleCompletionArrivingAfterTheNextArmingIsDropped() {
        try (BackendHarness h = new BackendHarness()) {
            RecordingRing reg = new RecordingRing();
            FdWatch w = new FdWatch(42, h.backend, reg);
            w.watch(READ, 1);
            w.armIfQueued();
            int old = w.generation;
            w.watch(READ, 2); // fd reused: remove + add
            w.armIfQueued();
            assertTrue(w.generation != old);
            pollDone(w, POLLIN, old); // the old file fired
            assertEquals(Arming.ARMED, w.state, "a stale completion ended the current arming");
            assertEquals(1, h.backend.counts.staleCompletions);
            assertEquals(0, h.backend.counts.currentCompletions);
        }
    }
}
