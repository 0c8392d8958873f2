package dev.jzx.testsuite;

import static dev.jzx.Io.READ;
import static dev.jzx.Io.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jzx.BackendUnavailableException;
import dev.jzx.Loop;
import dev.jzx.RunMode;
import dev.jzx.spi.Backends;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Faults: handlers that throw, descriptors closed behind the loop's back and their numbers
 * reused, a signal or an interrupt hitting a blocked run, the process out of descriptors, many
 * more arms than a submission queue holds, and close racing every other call. Each test names
 * the item of {@code docs/contract.md} it checks; {@code docs/faults.md} names the test of each
 * fault.
 */
public abstract class FaultSuite extends ConformanceBase {

    protected FaultSuite(BackendFixture fixture) {
        super(fixture);
    }

    /** What a handler throws in these tests; tests check it comes out of run as the same object. */
    static final class HandlerFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HandlerFault(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Contract item 8 at scale: a handler throws on every third call across 200 fds; every throw
     * comes out of exactly one run unchanged, the watch stays as if {@code true} was returned,
     * the rest of the batch is delivered by the next run, and every byte is read.
     */
    @Test
    void aHandlerThrowingOnEveryThirdCallLosesNothing() {
        int pipes = 200;
        int bytesEach = 15; // 3000 reads, 1000 throws
        AtomicInteger globalCalls = new AtomicInteger();
        List<HandlerFault> thrown = new ArrayList<>();
        int[] remaining = new int[pipes];
        boolean[] finished = new boolean[pipes];
        int[] afterFinished = {0};
        int[] emptyReads = {0};
        for (int i = 0; i < pipes; i++) {
            Pipe p = pipeWithData(bytesEach);
            remaining[i] = bytesEach;
            int slot = i;
            loop.watch(p.readFd(), READ, (fd, readiness) -> {
                if (finished[slot]) {
                    afterFinished[0]++;
                }
                int n = fds.read(fd, 1);
                if (n > 0) {
                    remaining[slot] -= n;
                } else {
                    emptyReads[0]++;
                }
                if (globalCalls.incrementAndGet() % 3 == 0) {
                    // The watch stays as if true: when this was the last byte, the empty pipe is
                    // simply not reported again.
                    HandlerFault f = new HandlerFault("fault " + globalCalls.get() + " on fd " + fd);
                    thrown.add(f);
                    throw f;
                }
                finished[slot] = remaining[slot] == 0;
                return !finished[slot];
            });
        }
        int caught = 0;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!allZero(remaining)) {
            assertTrue(System.nanoTime() < deadline, () -> "after " + PATIENCE.toSeconds() + " s, unread bytes remain: "
                    + sum(remaining) + " (" + thrown.size() + " throws so far)");
            try {
                loop.run(50, TimeUnit.MILLISECONDS);
            } catch (HandlerFault f) {
                assertSame(thrown.get(caught), f, "run must rethrow the handler's exception itself, in order");
                caught++;
            }
        }
        assertEquals(thrown.size(), caught, "every handler exception came out of exactly one run");
        assertTrue(caught >= pipes * bytesEach / 3, "expected at least " + pipes * bytesEach / 3 + " throws, saw " + caught);
        assertEquals(0, afterFinished[0], "handlers called after they returned false");
        int calls = globalCalls.get();
        settle();
        assertEquals(calls, globalCalls.get(), "drained pipes were reported");
        assertTrue(emptyReads[0] * 20 <= globalCalls.get(), "spurious reports are not rare: " + emptyReads[0] + " of "
                + globalCalls.get());
        System.out.printf("[jzx] %s faults: %d handler calls, %d throws, %d empty reads%n", fixture.name(),
                globalCalls.get(), caught, emptyReads[0]);
    }

    /**
     * Contract items 4, 5 and 8 together: a handler unwatches the other fd from another thread (so
     * the unwatch is queued, and has returned) and then throws. The other fd's event may be left in
     * the batch for the next run; that run started after the unwatch returned, so it must not call
     * the unwatched handler.
     */
    @Test
    void aForeignUnwatchBeforeAThrowTakesEffectBeforeTheLeftoverBatch() throws Exception {
        for (int round = 0; round < 20; round++) {
            Pipe a = pipeWithData(1);
            Pipe b = pipeWithData(1);
            AtomicInteger lateCalls = new AtomicInteger();
            AtomicBoolean thrown = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            int[] other = {b.readFd(), a.readFd()};
            for (int i = 0; i < 2; i++) {
                int victim = other[i];
                loop.watch(i == 0 ? a.readFd() : b.readFd(), READ, (fd, r) -> {
                    if (thrown.get()) {
                        lateCalls.incrementAndGet(); // the unwatched one, in a later run
                        return true;
                    }
                    Thread t = start("jzx-foreign-unwatch", () -> {
                        try {
                            loop.unwatch(victim);
                        } catch (Throwable e) {
                            failure.set(e);
                        }
                    });
                    try {
                        t.join(PATIENCE.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    assertFalse(t.isAlive(), "a foreign unwatch during a run did not return");
                    thrown.set(true);
                    loop.unwatch(fd); // only the victim could still be called
                    throw new HandlerFault("after unwatching fd " + victim + " from another thread");
                });
            }
            try {
                runUntil(thrown::get, "a handler ran");
                fail("the handler's exception did not come out of run");
            } catch (HandlerFault expected) {
                // the run that threw; the unwatch of the other fd returned during it
            }
            assertNull(failure.get());
            settle(); // runs that all started after the unwatch returned
            assertEquals(0, lateCalls.get(), "round " + round + ": the handler of an fd unwatched from another thread "
                    + "was called in a run that started after the unwatch returned (from the batch the throw left)");
            fds.close(a.readFd());
            fds.close(a.writeFd());
            fds.close(b.readFd());
            fds.close(b.writeFd());
        }
    }

    private static boolean allZero(int[] a) {
        for (int x : a) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean allTrue(boolean[] a) {
        for (boolean x : a) {
            if (!x) {
                return false;
            }
        }
        return true;
    }

    private static long sum(int[] a) {
        long s = 0;
        for (int x : a) {
            s += x;
        }
        return s;
    }

    /**
     * Contract item 3: the read end of a watched pipe is closed behind the loop's back, the number
     * is reused by a new pipe and watched again; the old file (which had unread data) is never
     * reported to the new handler, the new file is.
     */
    @Test
    void anFdClosedBehindTheLoopsBackAndReusedDeliversOnlyTheNewFile() {
        Pipe old = pipeWithData(1);
        Recorder oldHandler = new Recorder();
        loop.watch(old.readFd(), READ, oldHandler);
        runUntil(() -> oldHandler.count() > 0, "the old pipe reported");
        int number = old.readFd();
        fds.close(number); // behind the loop's back: no unwatch
        Pipe fresh = fds.pipe();
        Assumptions.assumeTrue(fresh.readFd() == number, "the kernel did not reuse fd " + number);
        Recorder newHandler = new Recorder();
        loop.watch(number, READ, newHandler);
        int oldCalls = oldHandler.count();
        settle();
        assertEquals(0, newHandler.count(), () -> "the new handler was called with " + bits(newHandler.last())
                + " although the new pipe is empty: the old file leaked through the reused number " + number);
        assertEquals(oldCalls, oldHandler.count(), "the replaced handler was called again");
        fds.write(fresh.writeFd(), 1);
        runUntil(() -> newHandler.count() > 0, "the new pipe under the reused number reported");
        assertEquals(READ, newHandler.last() & READ);
        loop.unwatch(number);
        int calls = newHandler.count();
        settle();
        assertEquals(calls, newHandler.count(), "called after unwatch");
    }

    /**
     * Contract item 3 for many fds: numbers closed behind the loop's back at once, reused and
     * watched again; each gets its own file's events only.
     */
    @Test
    void manyFdsClosedBehindTheLoopsBackAndReused() {
        int n = 50;
        Pipe[] old = new Pipe[n];
        for (int i = 0; i < n; i++) {
            old[i] = pipeWithData(1);
            loop.watch(old[i].readFd(), READ, (fd, r) -> true);
        }
        runNoWait(2);
        for (Pipe p : old) {
            fds.close(p.readFd());
            fds.close(p.writeFd());
        }
        Pipe[] fresh = new Pipe[n];
        Recorder[] handlers = new Recorder[n];
        for (int i = 0; i < n; i++) {
            fresh[i] = fds.pipe();
            handlers[i] = new Recorder();
            loop.watch(fresh[i].readFd(), READ, handlers[i]);
            if (i % 2 == 0) {
                fds.write(fresh[i].writeFd(), 1);
            }
        }
        runUntil(() -> {
            for (int i = 0; i < n; i += 2) {
                if (handlers[i].count() == 0) {
                    return false;
                }
            }
            return true;
        }, "every new pipe with data reported");
        settle();
        for (int i = 1; i < n; i += 2) {
            assertEquals(0, handlers[i].count(), "fd " + fresh[i].readFd() + " is a new, empty pipe, yet was reported "
                    + bits(handlers[i].union()));
        }
    }

    /**
     * Contract item 8, interrupts: a thread interrupt does not break a loop. A blocked
     * {@code run(ONCE)} keeps waiting (the interrupt status is left set for the caller), and still
     * returns for an event or a wakeup.
     */
    @Test
    void anInterruptDoesNotBreakABlockedRun() throws Exception {
        Pipe p = fds.pipe();
        Recorder r = new Recorder();
        loop.watch(p.readFd(), READ, r);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger returns = new AtomicInteger();
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch spinning = new CountDownLatch(100); // a hundred returns without an event: a spin
        Thread runner = start("jzx-interrupted", () -> {
            try {
                entered.countDown();
                long deadline = System.nanoTime() + PATIENCE.toNanos();
                while (r.count() == 0 && System.nanoTime() < deadline) {
                    loop.run(RunMode.ONCE);
                    returns.incrementAndGet();
                    spinning.countDown();
                }
                interruptedAfter.set(Thread.currentThread().isInterrupted());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        assertTrue(entered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        awaitBlockedRun(0);
        runner.interrupt();
        assertFalse(spinning.await(200, TimeUnit.MILLISECONDS),
                () -> "an interrupted run spins: it returned " + returns.get() + " times in 200 ms");
        assertNull(failure.get(), () -> "run threw after an interrupt: " + failure.get());
        assertTrue(runner.isAlive(), "the runner ended after an interrupt alone");
        awaitBlockedRun(0); // waiting in the kernel again (or still), with the interrupt status set
        fds.write(p.writeFd(), 1);
        runner.join(PATIENCE.toMillis());
        assertFalse(runner.isAlive(), "an interrupted run did not deliver a later event");
        assertNull(failure.get(), () -> "run threw after an interrupt: " + failure.get());
        assertTrue(interruptedAfter.get(), "the interrupt status was swallowed");
        System.out.printf("[jzx] %s: interrupted run(ONCE) returned %d time(s) before the event%n", fixture.name(),
                returns.get() - 1);
        assertTrue(loop.run(RunMode.NO_WAIT) >= 1, "the loop stays usable: the unread byte is reported again");
    }

    /**
     * Contract item 8, signals: a signal with a handler (so blocking system calls fail with EINTR)
     * sent to the thread blocked in {@code run(ONCE)}: no exception, the run keeps waiting or
     * returns 0, and the loop still delivers. Linux only (the thread is found through /proc).
     */
    @Test
    void aSignalInterruptingABlockedRunIsInvisible() throws Exception {
        Assumptions.assumeTrue(Signals.supported(), "needs /proc/self/task and kill(1)");
        Assumptions.assumeTrue(fds instanceof NettyFds, "needs a real kernel wait to interrupt");
        AtomicInteger delivered = Signals.installWinchHandler();
        Pipe p = fds.pipe();
        Recorder r = new Recorder();
        loop.watch(p.readFd(), READ, r);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger returns = new AtomicInteger();
        CountDownLatch entered = new CountDownLatch(1);
        String name = "jzx-eintr-" + (System.nanoTime() % 1000);
        Thread runner = start(name, () -> {
            try {
                entered.countDown();
                long deadline = System.nanoTime() + PATIENCE.toNanos();
                while (r.count() == 0 && System.nanoTime() < deadline) {
                    loop.run(RunMode.ONCE);
                    returns.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        assertTrue(entered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        awaitBlockedRun(0);
        long tid = Signals.nativeThreadId(name);
        int before = delivered.get();
        for (int i = 1; i <= 5; i++) {
            long waits = backend.blockingWaitsBegun();
            Signals.kill(tid, "WINCH");
            assertTrue(Signals.awaitWinch(before + i, PATIENCE), "the JVM never saw SIGWINCH " + i);
            awaitBlockedRun(waits - 1); // blocked again (or still) before the next signal
        }
        assertNull(failure.get(), () -> "run threw after a signal: " + failure.get());
        assertTrue(runner.isAlive(), "the runner ended after signals alone");
        fds.write(p.writeFd(), 1);
        runner.join(PATIENCE.toMillis());
        assertFalse(runner.isAlive(), "the run did not deliver an event after the signals");
        assertNull(failure.get(), () -> "run threw after a signal: " + failure.get());
        System.out.printf("[jzx] %s: run(ONCE) returned %d time(s) with 0 after 5 SIGWINCH to thread %d%n",
                fixture.name(), returns.get() - 1, tid);
    }

    /**
     * Contract item S5 at EMFILE: with the process out of descriptors, and then with one, two,
     * three and four free (so a backend that needs several fails half way), opening a loop on this
     * backend throws {@link BackendUnavailableException} naming the backend and saying why.
     */
    @Test
    void outOfDescriptorsOpenThrowsNamingTheBackendAndTheCause() throws Exception {
        assumeADescriptorLimit();
        Exhaustion e = exhaustDescriptors(() -> { }, () -> { });
        assertTrue(e.failedOpens() > 0, "no Loop.open failed with the process out of descriptors: " + e.outcomes());
        String first = e.outcomes().get(0);
        assertTrue(first.contains(fixture.name()), "the exception names the backend: " + first);
        assertTrue(first.toLowerCase(Locale.ROOT).contains("open files") || first.contains("EMFILE")
                || first.contains("-24"), "the exception says the process is out of descriptors: " + first);
        System.out.printf("[jzx] %s at EMFILE: %s%n", fixture.name(), e.outcomes());
    }

    /**
     * Contract item 10 at EMFILE: a {@code Loop.open} that fails for want of descriptors leaves
     * none behind. A leak the backend's module documents as outside jzx is counted exactly, so any
     * other leak still fails.
     */
    @Test
    void outOfDescriptorsOpenLeaksNothing() throws Exception {
        assumeADescriptorLimit();
        Exhaustion e = exhaustDescriptors(() -> { }, () -> { });
        assertTrue(e.failedOpens() > 0, "no Loop.open failed with the process out of descriptors: " + e.outcomes());
        BackendFixture.KnownLeak known = fixture.knownLeak();
        long knownLeaks = known == null ? 0 : e.outcomes().stream().filter(o -> known.failure().matcher(o).matches()).count();
        if (knownLeaks > 0) {
            System.out.printf("[jzx] %s: KNOWN LEAK (%s): %d descriptor(s)%n", fixture.name(), known.why(), knownLeaks);
        }
        long tolerated = known == null ? 0 : e.added().values().stream().filter(v -> v.equals(known.descriptor())).count();
        assertTrue(e.added().size() == tolerated && tolerated <= knownLeaks, () -> "descriptors leaked by failed opens: "
                + e.added() + " (known leaks allowed: " + knownLeaks + "); outcomes: " + e.outcomes());
    }

    /**
     * Contract item 10 at EMFILE: {@code watch} needs no descriptor. Watches made while the
     * process is out of descriptors, on a loop opened before, leave it whole: once descriptors
     * are free again the fd watched then reports, and so does the fd watched before.
     */
    @Test
    void aWatchMadeAtEmfileKeepsTheLoopWhole() throws Exception {
        assumeADescriptorLimit();
        Pipe early = pipeWithData(1);
        Pipe late = pipeWithData(1);
        Recorder earlyHandler = new Recorder();
        Recorder lateHandler = new Recorder();
        loop.watch(early.readFd(), READ, earlyHandler);
        runUntil(() -> earlyHandler.count() > 0, "a report before the exhaustion");
        Exhaustion e = exhaustDescriptors(() -> {
            loop.watch(late.readFd(), READ, lateHandler);
            loop.unwatch(late.readFd());
        }, () -> loop.watch(late.readFd(), READ, lateHandler));
        assertTrue(e.failedOpens() > 0, "the process was never out of descriptors: " + e.outcomes());
        runUntil(() -> lateHandler.count() > 0, "the fd watched at EMFILE reported");
        int before = earlyHandler.count();
        runUntil(() -> earlyHandler.count() > before, "the fd watched before EMFILE still reports");
    }

    /**
     * What {@link #exhaustDescriptors} saw.
     *
     * @param outcomes    each step's {@code Loop.open}: "open ok" or the exception's message
     * @param failedOpens how many of them threw
     * @param added       descriptors open afterwards that were not before, by identity
     */
    private record Exhaustion(List<String> outcomes, int failedOpens, SortedMap<Integer, String> added) {
    }

    private void assumeADescriptorLimit() {
        Assumptions.assumeTrue(fds instanceof NettyFds, "the fake kernel has no descriptor limit");
    }

    /**
     * Takes every free descriptor, then gives them back one at a time: five steps, with none to
     * four free. Each step opens a loop on this backend (closed at once if it opens), then runs
     * {@code eachStep}; {@code atTheEnd} runs with four free, before the rest are given back.
     */
    private Exhaustion exhaustDescriptors(Runnable eachStep, Runnable atTheEnd) throws IOException {
        warmUpWhatEmfileWouldBreak();
        SortedMap<Integer, String> fdsBefore = fds.descriptorTable();
        List<int[]> hogs = new ArrayList<>();
        List<FileInputStream> singles = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        int failedOpens = 0;
        try (Fds hog = fixture.newFds()) {
            try {
                while (hogs.size() < 100_000) {
                    Pipe h = hog.pipe();
                    hogs.add(new int[] {h.readFd(), h.writeFd()});
                }
                fail("opened 100,000 pipes without EMFILE");
            } catch (UncheckedIOException expected) {
                // out of descriptors (or one short of it)
            }
            try {
                while (true) {
                    singles.add(new FileInputStream("/dev/null"));
                }
            } catch (IOException expected) {
                // now truly none left
            }
            for (int step = 0; step < 5; step++) {
                if (step > 0) { // one descriptor more each step (a pipe frees two)
                    if (!singles.isEmpty()) {
                        singles.remove(singles.size() - 1).close();
                    } else {
                        int[] h = hogs.remove(hogs.size() - 1);
                        hog.close(h[0]);
                        singles.add(new FileInputStream("/dev/null")); // takes the number back
                        hog.close(h[1]);
                    }
                }
                try {
                    Loop l = Loop.open(fixture.name()); // exactly this backend: under a leg's flags Loop.open() could fall back at EMFILE
                    outcomes.add("open ok");
                    l.close();
                } catch (BackendUnavailableException e) {
                    failedOpens++;
                    outcomes.add(e.getMessage());
                }
                eachStep.run();
            }
            atTheEnd.run();
            for (FileInputStream s : singles) {
                s.close();
            }
            singles.clear();
        } finally {
            for (FileInputStream s : singles) {
                s.close();
            }
        }
        // hog closed every pipe it made. Compared by what each descriptor is, not by count: the
        // JVM itself may open or close a descriptor meanwhile.
        return new Exhaustion(outcomes, failedOpens, DescriptorTable.added(fdsBefore, fds.descriptorTable()));
    }

    /** Loads and opens once everything the exhausted part uses, while descriptors are still free. */
    private void warmUpWhatEmfileWouldBreak() {
        Pipe p = pipeWithData(1);
        try (Loop warm = fixture.open()) {
            warm.watch(p.readFd(), READ, (fd, r) -> true);
            warm.run(RunMode.NO_WAIT);
        }
        new BackendUnavailableException("warm-up", new UncheckedIOException(new IOException("warm-up"))).toString();
        // java.util.logging formats a record (a fallback leg logs a failed open) with the time
        // zone, whose data file it opens on first use.
        ZoneId.systemDefault();
        new SimpleFormatter().format(new LogRecord(Level.INFO, "w"));
        // Probe every provider now (a fallback leg tries the next one at EMFILE): a probe made at
        // EMFILE cannot load the native library, and the selector remembers the answer.
        Backends.ordered().forEach(Backends::availability);
    }

    /**
     * Contract item 12: many more arms than a submission queue holds (io_uring's queue overflow;
     * the ring-level case, 5000 POLL_ADDs through a 16-entry queue, is {@code IoUringBackendTest}):
     * 2000 pipes, both ends watched in one go, every one reported.
     */
    @Test
    void fourThousandArmsInOneGoAreAllReported() {
        int n = 2000;
        Pipe[] pipes = new Pipe[n];
        boolean[] readSeen = new boolean[n];
        boolean[] writeSeen = new boolean[n];
        for (int i = 0; i < n; i++) {
            pipes[i] = pipeWithData(1);
        }
        for (int i = 0; i < n; i++) {
            int slot = i;
            loop.watch(pipes[i].readFd(), READ, (fd, r) -> {
                readSeen[slot] = true;
                return false;
            });
            loop.watch(pipes[i].writeFd(), WRITE, (fd, r) -> {
                writeSeen[slot] = true;
                return false;
            });
        }
        runUntil(() -> allTrue(readSeen) && allTrue(writeSeen), "all 4000 watches reported");
        assertEquals(0, settle(), "every watch ended with its handler's false");
    }

    /**
     * Contract items 5 and 10 under a race: three threads watch, unwatch and wake while the loop
     * runs; another closes it. Nothing throws but {@link IllegalStateException} saying "closed",
     * nothing hangs, no descriptor leaks. Twenty rounds.
     */
    @Test
    void closeRacingWatchUnwatchAndWakeupFromOtherThreads() throws Exception {
        Pipe[] pipes = new Pipe[24];
        for (int i = 0; i < pipes.length; i++) {
            pipes[i] = pipeWithData(1);
        }
        Loop warm = fixture.open();
        warm.close();
        SortedMap<Integer, String> fdsBefore = fds.descriptorTable();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        for (int round = 0; round < 20; round++) {
            Loop l = fixture.open();
            CountDownLatch go = new CountDownLatch(1);
            // close lands after a number of racing calls that varies with the round
            CountDownLatch progress = new CountDownLatch(10 * (1 + round % 7));
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                threads.add(startRacer("jzx-racer-" + t, l, Arrays.copyOfRange(pipes, t * 8, t * 8 + 8), go, progress, stop,
                        unexpected));
            }
            Thread runner = startRacingRunner(l, go, stop, unexpected);
            go.countDown();
            assertTrue(progress.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the racers made no calls");
            Thread closer = start("jzx-closer", l::close);
            closer.join(PATIENCE.toMillis());
            assertFalse(closer.isAlive(), "close hung in round " + round);
            stop.set(true);
            for (Thread t : threads) {
                t.join(PATIENCE.toMillis());
                assertFalse(t.isAlive(), t.getName() + " hung in round " + round);
            }
            runner.join(PATIENCE.toMillis());
            assertFalse(runner.isAlive(), "the runner hung in round " + round);
            assertTrue(unexpected.isEmpty(), "round " + round + ": unexpected exceptions: " + unexpected);
            l.close(); // idempotent
        }
        SortedMap<Integer, String> fdsAfter = fds.descriptorTable();
        assertEquals(Map.of(), DescriptorTable.added(fdsBefore, fdsAfter), () -> "descriptors leaked over 20 racing "
                + "closes: " + DescriptorTable.describeChange(fdsBefore, fdsAfter));
        for (Pipe p : pipes) {
            assertEquals(1, fds.read(p.readFd(), 10), "the user's pipe stays open and untouched");
        }
    }

    /**
     * A thread that, from {@code go} until {@code stop}, watches, unwatches and wakes {@code l} in
     * turn over its own pipes, counting {@code progress} down; a closed loop ends it.
     */
    private static Thread startRacer(String name, Loop l, Pipe[] mine, CountDownLatch go, CountDownLatch progress,
            AtomicBoolean stop, Queue<Throwable> unexpected) {
        return start(name, () -> {
            try {
                go.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                int i = 0;
                while (!stop.get()) {
                    Pipe p = mine[i++ % mine.length];
                    progress.countDown();
                    try {
                        switch (i % 3) {
                            case 0:
                                l.watch(p.readFd(), READ, (fd, r) -> true);
                                break;
                            case 1:
                                l.unwatch(p.readFd());
                                break;
                            default:
                                l.wakeup();
                                break;
                        }
                    } catch (IllegalStateException e) {
                        expectClosed(e, unexpected);
                        return; // closed: done
                    }
                }
            } catch (Throwable e) {
                unexpected.add(e);
            }
        });
    }

    /** A thread that runs {@code l} from {@code go} until {@code stop} or the loop is closed. */
    private static Thread startRacingRunner(Loop l, CountDownLatch go, AtomicBoolean stop, Queue<Throwable> unexpected) {
        return start("jzx-racing-runner", () -> {
            try {
                go.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                while (!stop.get()) {
                    l.run(RunMode.ONCE);
                }
            } catch (IllegalStateException e) {
                expectClosed(e, unexpected);
            } catch (Throwable e) {
                unexpected.add(e);
            }
        });
    }

    private static void expectClosed(IllegalStateException e, Queue<Throwable> unexpected) {
        if (!String.valueOf(e.getMessage()).contains("closed")) {
            unexpected.add(e);
        }
    }
}
