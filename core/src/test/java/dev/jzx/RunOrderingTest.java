package dev.jzx;

import static dev.jzx.Io.READ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.spi.Backend;
import dev.jzx.spi.ReadySink;
import dev.jzx.spi.Backends;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Edge cases of the run loop: what a run waits for, and the order in which queued and direct changes apply. */
class RunOrderingTest {

    /** Level-triggered fake kernel: reports "ready" fds every poll; blocks otherwise until wakeup. */
    static final class GateBackend implements Backend {
        final TreeMap<Integer, int[]> armed = new TreeMap<>(); // fd -> {interest, token}
        final Set<Integer> ready = ConcurrentHashMap.newKeySet();
        final Set<Integer> refuse = ConcurrentHashMap.newKeySet();
        /** Refusals (fd, token) the next poll reports. */
        final List<int[]> refused = new ArrayList<>();
        private boolean woken;

        @Override public synchronized int register(int fd, int interest, int token) {
            if (refuse.contains(fd)) {
                armed.remove(fd);
                refused.add(new int[] {fd, token});
                return ARMED;
            }
            armed.put(fd, new int[] {interest, token});
            return ARMED;
        }
        @Override public synchronized void reregister(int fd, int interest, int token) {
            armed.put(fd, new int[] {interest, token});
        }
        @Override public synchronized void deregister(int fd) { armed.remove(fd); }
        @Override public synchronized void poll(long timeoutNanos, ReadySink sink) {
            long end = System.nanoTime() + (timeoutNanos < 0 ? 3_000_000_000L : timeoutNanos);
            while (true) {
                boolean any = !refused.isEmpty();
                for (int[] r : refused) {
                    sink.ready(r[0], r[1], dev.jzx.Io.ERROR | DROPPED);
                }
                refused.clear();
                for (var e : armed.entrySet()) {
                    if (ready.contains(e.getKey())) { sink.ready(e.getKey(), e.getValue()[1], e.getValue()[0]); any = true; }
                }
                if (any || woken || timeoutNanos == 0) { woken = false; return; }
                long left = end - System.nanoTime();
                if (left <= 0) return;
                try { wait(left / 1_000_000 + 1); } catch (InterruptedException ie) { return; }
            }
        }
        @Override public synchronized void wakeup() { woken = true; notifyAll(); }
        @Override public void close() { }
        synchronized boolean isArmed(int fd) { return armed.containsKey(fd); }
    }

    /** run(ONCE) returns 0 with no handler call and no wakeup when a stale refusal is staged. */
    @Test
    void onceBlocksWhenOnlyAStaleRefusalIsPending() throws Exception {
        GateBackend b = new GateBackend();
        b.refuse.add(9);
        LoopRuntime loop = new LoopRuntime(new Backends.Opened("gate", b));
        loop.watch(9, READ, (fd, r) -> true); // refused: ERROR queued for the next run
        loop.unwatch(9);                     // ... and withdrawn before that run
        int[] result = {-2};
        Thread runner = new Thread(() -> result[0] = loop.run(RunMode.ONCE));
        runner.start();
        runner.join(500);
        boolean returnedEarly = !runner.isAlive();
        loop.wakeup();
        runner.join(5000);
        assertFalse(returnedEarly, "run(ONCE) returned " + result[0]
                + " without a handler call, a wakeup or a timeout (it must block)");
    }

    /** a throwing handler's leftover batch is dispatched before queued commands are applied. */
    @Test
    void queuedUnwatchTakesEffectBeforeTheLeftoverOfAThrowingRunIsDelivered() throws Exception {
        GateBackend b = new GateBackend();
        LoopRuntime loop = new LoopRuntime(new Backends.Opened("gate", b));
        AtomicInteger calls2 = new AtomicInteger();
        boolean[] thrown = {false};
        loop.watch(1, READ, (fd, r) -> {
            if (thrown[0]) {
                return true;
            }
            thrown[0] = true;
            Thread other = new Thread(() -> loop.unwatch(2)); // foreign thread: queued (a run is in progress)
            other.start();
            try { other.join(); } catch (InterruptedException e) { throw new AssertionError(e); }
            throw new IllegalStateException("handler 1 fails");
        });
        loop.watch(2, READ, (fd, r) -> { calls2.incrementAndGet(); return true; });
        b.ready.add(1);
        b.ready.add(2);
        assertThrows(IllegalStateException.class, () -> loop.run(RunMode.NO_WAIT));
        // unwatch(2) returned long ago, and a whole run has ended since. The next run must apply it first.
        loop.run(RunMode.NO_WAIT); // no direct call in between: that would drain the queue first
        assertEquals(0, calls2.get(), "fd 2's handler ran after its unwatch returned, in the next run");
    }

    /** a handler's direct change overtakes an earlier queued change of another thread. */
    @Test
    void aHandlersUnwatchIsNotOvertakenByAnEarlierQueuedWatch() throws Exception {
        GateBackend b = new GateBackend();
        LoopRuntime loop = new LoopRuntime(new Backends.Opened("gate", b));
        loop.watch(1, READ, (fd, r) -> {
            Thread other = new Thread(() -> loop.watch(5, READ, (f, x) -> true)); // queued
            other.start();
            try { other.join(); } catch (InterruptedException e) { throw new AssertionError(e); }
            loop.unwatch(5); // happens after the watch(5) above returned: must win
            return false;
        });
        b.ready.add(1);
        loop.run(RunMode.NO_WAIT);
        loop.run(RunMode.NO_WAIT);
        assertFalse(b.isArmed(5), "fd 5 is watched although its unwatch came after its watch");
    }
}
