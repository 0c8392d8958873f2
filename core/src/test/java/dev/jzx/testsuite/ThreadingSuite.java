package dev.jzx.testsuite;

import static dev.jzx.Io.READ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.RunMode;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Contract item 5 ({@code docs/contract.md}): who may call what, from which thread. */
public abstract class ThreadingSuite extends ConformanceBase {

    protected ThreadingSuite(BackendFixture fixture) {
        super(fixture);
    }

    @Test
    void watchFromAnotherThreadWhileRunOnceBlocks() throws Exception {
        Pipe p = pipeWithData(1);
        Recorder r = new Recorder();
        CountDownLatch running = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = start("jzx-runner", () -> {
            try {
                running.countDown();
                long deadline = System.nanoTime() + PATIENCE.toNanos();
                while (r.count() == 0 && System.nanoTime() < deadline) {
                    calls.addAndGet(loop.run(RunMode.ONCE));
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        assertTrue(running.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        awaitBlockedRun(0); // run(ONCE) blocks with nothing watched
        loop.watch(p.readFd(), READ, r);
        runner.join(PATIENCE.toMillis());
        assertFalse(runner.isAlive(), "run(ONCE) did not deliver the fd watched from another thread");
        assertNull(failure.get());
        assertTrue(r.count() >= 1);
        assertSame(runner, r.lastThread(), "handlers run on the thread inside run");
    }

    @Test
    void unwatchFromAnotherThreadTakesEffect() throws Exception {
        Pipe p = pipeWithData(1);
        Recorder r = new Recorder();
        loop.watch(p.readFd(), READ, r);
        runUntil(() -> r.count() >= 1, "READ report");
        Thread other = start("jzx-unwatcher", () -> loop.unwatch(p.readFd()));
        other.join(PATIENCE.toMillis());
        int n = r.count();
        settle();
        assertEquals(n, r.count(), "called after an unwatch made by another thread returned (no run in progress)");
    }

    @Test
    void threeThreadsWatchingAndUnwatchingAtOnce() throws Exception {
        int threads = 3;
        int perThread = 16;
        Pipe[][] pipes = new Pipe[threads][perThread];
        for (Pipe[] row : pipes) {
            for (int i = 0; i < perThread; i++) {
                row[i] = pipeWithData(1);
            }
        }
        AtomicInteger stale = new AtomicInteger();
        // Runs made so far, counted before each one starts. An unwatch queued while a run is in
        // progress takes effect before that run dispatches its next batch, so the old handler may
        // still be called in the run in progress when unwatch returns (see Loop's javadoc on
        // threads); in any run that starts after unwatch returned it must never be called.
        AtomicInteger runsStarted = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(threads);
        Recorder[] finalHandlers = new Recorder[threads * perThread];
        for (int t = 0; t < threads; t++) {
            int id = t;
            start("jzx-mutator-" + t, () -> {
                try {
                    for (int round = 0; round < 300; round++) {
                        Pipe p = pipes[id][round % perThread];
                        AtomicInteger unwatchedInRun = new AtomicInteger(Integer.MAX_VALUE);
                        loop.watch(p.readFd(), READ, (fd, readiness) -> {
                            if (runsStarted.get() > unwatchedInRun.get()) {
                                stale.incrementAndGet();
                            }
                            return true;
                        });
                        loop.unwatch(p.readFd());
                        unwatchedInRun.set(runsStarted.get());
                    }
                    for (int i = 0; i < perThread; i++) {
                        Recorder r = new Recorder();
                        finalHandlers[id * perThread + i] = r;
                        loop.watch(pipes[id][i].readFd(), READ, r);
                    }
                } catch (Throwable e) {
                    failure.set(e);
                } finally {
                    done.countDown();
                }
            });
        }
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (done.getCount() > 0 && System.nanoTime() < deadline) {
            runsStarted.incrementAndGet();
            loop.run(5, TimeUnit.MILLISECONDS);
        }
        assertTrue(done.await(1, TimeUnit.SECONDS), "mutator threads did not finish");
        assertNull(failure.get(), () -> "a mutator failed: " + failure.get());
        deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!allCalled(finalHandlers)) {
            assertTrue(System.nanoTime() < deadline, "after " + PATIENCE.toSeconds() + " s of running the "
                    + fixture.name() + " loop, still not: every fd's final watch delivered");
            runsStarted.incrementAndGet();
            loop.run(50, TimeUnit.MILLISECONDS);
        }
        assertEquals(0, stale.get(), "handlers called in a run that started after their unwatch returned");
    }

    /**
     * Four threads hammer watch, unwatch and wakeup on their own fds while the loop runs, for
     * {@code -Djzx.threads.seconds} (default 2): no unexpected exception, no deadlock (every wait
     * bounded), no handler called in a run that started after its replacement returned, and after
     * the hammering the final watches all deliver.
     */
    @Test
    @org.junit.jupiter.api.Timeout(value = 30, unit = TimeUnit.MINUTES)
    void fourThreadsHammeringWatchUnwatchAndWakeup() throws Exception {
        long seconds = Long.getLong("jzx.threads.seconds", 2);
        int threads = 4;
        int perThread = 8;
        Pipe[][] pipes = new Pipe[threads][perThread];
        for (Pipe[] row : pipes) {
            for (int i = 0; i < perThread; i++) {
                row[i] = pipeWithData(1);
            }
        }
        AtomicInteger runsStarted = new AtomicInteger();
        AtomicInteger stale = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong ops = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.ConcurrentLinkedQueue<Throwable> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(threads);
        Recorder[] finalHandlers = new Recorder[threads * perThread];
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (int t = 0; t < threads; t++) {
            int id = t;
            start("jzx-hammer-" + t, () -> {
                try {
                    java.util.SplittableRandom random = new java.util.SplittableRandom(id);
                    // Per fd: the run count when its last handler was replaced or unwatched.
                    AtomicInteger[] retiredAt = new AtomicInteger[perThread];
                    while (System.nanoTime() < end) {
                        int i = random.nextInt(perThread);
                        Pipe p = pipes[id][i];
                        int dice = random.nextInt(10);
                        AtomicInteger previous = retiredAt[i];
                        if (dice < 5) {
                            AtomicInteger mine = new AtomicInteger(Integer.MAX_VALUE);
                            loop.watch(p.readFd(), READ, (fd, readiness) -> {
                                if (runsStarted.get() > mine.get()) {
                                    stale.incrementAndGet();
                                }
                                return true;
                            });
                            retiredAt[i] = mine;
                        } else if (dice < 9) {
                            loop.unwatch(p.readFd());
                            retiredAt[i] = null;
                        } else {
                            loop.wakeup();
                            previous = null;
                        }
                        if (previous != null) {
                            // Replaced or unwatched now: it may still be called in the run in
                            // progress, never in one that starts later.
                            previous.set(runsStarted.get());
                        }
                        ops.incrementAndGet();
                    }
                    for (int i = 0; i < perThread; i++) {
                        Recorder r = new Recorder();
                        finalHandlers[id * perThread + i] = r;
                        loop.watch(pipes[id][i].readFd(), READ, r);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    done.countDown();
                }
            });
        }
        long deadline = end + PATIENCE.toNanos();
        long runs = 0;
        while (done.getCount() > 0) {
            assertTrue(System.nanoTime() < deadline, "hammer threads still running " + PATIENCE.toSeconds()
                    + " s after their time was up: deadlock?");
            runsStarted.incrementAndGet();
            loop.run(50, TimeUnit.MILLISECONDS);
            runs++;
        }
        assertTrue(failures.isEmpty(), () -> "unexpected exceptions: " + failures);
        long until = System.nanoTime() + PATIENCE.toNanos();
        while (!allCalled(finalHandlers)) {
            assertTrue(System.nanoTime() < until, "after the hammering, not every final watch delivered");
            runsStarted.incrementAndGet();
            loop.run(50, TimeUnit.MILLISECONDS);
        }
        assertEquals(0, stale.get(), "handlers called in a run that started after their replacement or unwatch returned");
        System.out.printf("[jzx] %s hammer: %d s, %d calls from 4 threads, %d runs%n", fixture.name(), seconds, ops.get(), runs);
    }

    /**
     * Two threads calling watch and unwatch without pause (100,000 pairs each) while the loop runs:
     * queued calls made while a run drains the queue wait for the next drain, so runs keep
     * returning; every run returns, nothing throws. (How many runs return while the producers are
     * still calling depends on the backend: a producer queues faster than the loop applies a call
     * that is a system call, and the queue has no bound; see docs/faults.md.)
     */
    @Test
    void threadsCallingWithoutPauseDoNotStarveRun() throws Exception {
        Pipe[] pipes = {pipeWithData(1), pipeWithData(1)};
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ConcurrentLinkedQueue<Throwable> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
        Thread[] producers = new Thread[2];
        for (int t = 0; t < 2; t++) {
            Pipe p = pipes[t];
            producers[t] = start("jzx-producer-" + t, () -> {
                try {
                    for (int i = 0; i < 100_000 && !stop.get(); i++) {
                        loop.watch(p.readFd(), READ, (fd, r) -> true);
                        loop.unwatch(p.readFd());
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
        }
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger runsWhileProducing = new AtomicInteger();
        Thread runner = start("jzx-starved-runner", () -> {
            try {
                for (int i = 0; i < 50; i++) {
                    loop.run(1, TimeUnit.MILLISECONDS);
                    runs.incrementAndGet();
                    if (producers[0].isAlive() || producers[1].isAlive()) {
                        runsWhileProducing.incrementAndGet();
                    }
                }
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        try {
            runner.join(PATIENCE.toMillis());
            assertFalse(runner.isAlive(), () -> "50 runs of 1 ms did not finish in " + PATIENCE.toSeconds()
                    + " s while two threads called watch/unwatch without pause: only " + runs.get() + " returned");
        } finally {
            stop.set(true);
            for (Thread t : producers) {
                t.join(PATIENCE.toMillis());
            }
            runner.join(PATIENCE.toMillis());
        }
        assertTrue(failures.isEmpty(), () -> "unexpected exceptions: " + failures);
        System.out.printf("[jzx] %s: %d of 50 runs returned while two threads called watch/unwatch without pause%n",
                fixture.name(), runsWhileProducing.get());
    }

    private static boolean allCalled(Recorder[] handlers) {
        for (Recorder r : handlers) {
            if (r == null || r.count() == 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aConcurrentRunThrows() throws Exception {
        CountDownLatch inRun = new CountDownLatch(1);
        Pipe p = pipeWithData(1);
        CountDownLatch release = new CountDownLatch(1);
        loop.watch(p.readFd(), READ, (fd, r) -> {
            inRun.countDown();
            try {
                release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        });
        Thread runner = start("jzx-runner", () -> loop.run(RunMode.ONCE));
        assertTrue(inRun.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.run(RunMode.NO_WAIT));
        assertTrue(e.getMessage().contains("jzx-runner"), "the message names the running thread: " + e.getMessage());
        release.countDown();
        runner.join(PATIENCE.toMillis());
        assertFalse(runner.isAlive());
        assertEquals(0, loop.run(RunMode.NO_WAIT), "the loop is usable again once the run ended");
    }

    @Test
    void aReentrantRunThrows() {
        Pipe p = pipeWithData(1);
        AtomicReference<Throwable> inner = new AtomicReference<>();
        loop.watch(p.readFd(), READ, (fd, r) -> {
            try {
                loop.run(RunMode.NO_WAIT);
            } catch (Throwable t) {
                inner.set(t);
            }
            return false;
        });
        runUntil(() -> inner.get() != null, "the handler tried to run the loop");
        assertTrue(inner.get() instanceof IllegalStateException, "expected IllegalStateException, got " + inner.get());
        assertTrue(inner.get().getMessage().contains("re-entrant"), inner.get().getMessage());
    }
}
