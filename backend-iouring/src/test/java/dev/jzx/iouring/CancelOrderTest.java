package dev.jzx.iouring;

import dev.jzx.spi.PollBits;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static dev.jzx.Io.READ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.IoOps;
import io.netty.channel.IoRegistration;
import io.netty.channel.uring.IoUringIoEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two completions of a cancel (POLL_REMOVE's result and the poll's own final completion) in
 * every order and with every result the kernel gives (0, -ENOENT, -EALREADY), played into an
 * {@link FdWatch} whose registration is a recorder, so the order is the test's choice.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "io_uring exists on Linux only")
class CancelOrderTest {
    private static final int POLLIN = PollBits.POLLIN;

    /** Records submissions; hands out distinct ids like Netty's fast path. */
    private static final class RecordingRegistration implements IoRegistration {
        final List<IoOps> submitted = new ArrayList<>();

        @Override
        public <T> T attachment() {
            return null;
        }

        @Override
        public long submit(IoOps ops) {
            submitted.add(ops);
            return submitted.size();
        }

        @Override
        public boolean isValid() {
            return true;
        }

        @Override
        public boolean cancel() {
            return true;
        }
    }

    private static IoUringIoEvent pollDone(int res, int generation) {
        return new IoUringIoEvent(res, 0, PollOps.IORING_OP_POLL_ADD, (long) generation);
    }

    private static IoUringIoEvent removeDone(int res, int generation) {
        return new IoUringIoEvent(res, 0, PollOps.IORING_OP_POLL_REMOVE, (long) generation);
    }

    private interface Scenario {
        void play(FdWatch w, int oldGeneration);
    }

    private void check(String name, Scenario scenario) {
        try (BackendHarness h = new BackendHarness()) {
            RecordingRegistration reg = new RecordingRegistration();
            FdWatch w = new FdWatch(42, h.backend, handle -> reg);
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
            w.handle(null, removeDone(0, g));
            assertFalse(w.isQuiescent());
            w.handle(null, pollDone(-PollOps.ECANCELED, g));
        });
    }

    @Test
    void cancelledCompletionThenRemoved() {
        check("-ECANCELED then 0", (w, g) -> {
            w.handle(null, pollDone(-PollOps.ECANCELED, g));
            assertFalse(w.isQuiescent());
            w.handle(null, removeDone(0, g));
        });
    }

    @Test
    void firedThenNotFound() {
        check("POLLIN then -ENOENT", (w, g) -> {
            w.handle(null, pollDone(POLLIN, g));
            assertFalse(w.isQuiescent());
            w.handle(null, removeDone(-PollOps.ENOENT, g));
        });
    }

    @Test
    void notFoundThenFired() {
        check("-ENOENT then POLLIN", (w, g) -> {
            w.handle(null, removeDone(-PollOps.ENOENT, g));
            assertFalse(w.isQuiescent());
            w.handle(null, pollDone(POLLIN, g));
        });
    }

    @Test
    void alreadyThenFired() {
        check("-EALREADY then POLLIN", (w, g) -> {
            w.handle(null, removeDone(-PollOps.EALREADY, g));
            assertFalse(w.isQuiescent());
            w.handle(null, pollDone(POLLIN, g));
        });
    }

    @Test
    void firedThenAlready() {
        check("POLLIN then -EALREADY", (w, g) -> {
            w.handle(null, pollDone(POLLIN, g));
            assertFalse(w.isQuiescent());
            w.handle(null, removeDone(-PollOps.EALREADY, g));
        });
    }

    @Test
    void aStaleCompletionArrivingAfterTheNextArmingIsDropped() {
        try (BackendHarness h = new BackendHarness()) {
            RecordingRegistration reg = new RecordingRegistration();
            FdWatch w = new FdWatch(42, h.backend, handle -> reg);
            w.watch(READ, 1);
            w.armIfQueued();
            int old = w.generation;
            w.watch(READ, 2); // fd reused: remove + add
            w.armIfQueued();
            assertTrue(w.generation != old);
            w.handle(null, pollDone(POLLIN, old)); // the old file fired
            assertEquals(Arming.ARMED, w.state, "a stale completion ended the current arming");
            assertEquals(1, h.backend.counts.staleCompletions);
            assertEquals(0, h.backend.counts.currentCompletions);
        }
    }
}
