package dev.jzx.testsuite;

import static dev.jzx.Io.ERROR;
import static dev.jzx.Io.HANGUP;
import static dev.jzx.Io.INTEREST_MASK;
import static dev.jzx.Io.READ;
import static dev.jzx.Io.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.RunMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * A seeded random sequence of watch, unwatch, interest change, handlers returning false,
 * writes, reads, close-and-reopen of an fd number, wake-ups and handlers that throw (1 handler in
 * 8 throws on 1 call in 2 to 11) over 64 pipes, checked step by
 * step against a reference model of the contract ({@code docs/contract.md}):
 * <ul>
 *   <li>no handler call after its unwatch or replacement;</li>
 *   <li>no readiness outside the interest (ERROR and HANGUP aside);</li>
 *   <li>nothing lost: after a run, every fd that was ready and watched when it began was reported;</li>
 *   <li>a handler's exception comes out of that run unchanged, no other handler is called after
 *       it in that run, the watch stays as if {@code true}, and the next run reports the rest;</li>
 *   <li>spurious readiness stays rare.</li>
 * </ul>
 * {@code -Djzx.model.ops=N} sets the number of operations (default 100,000),
 * {@code -Djzx.model.seed=S} replays a failure; a failure prints the seed and the step.
 */
public abstract class ModelSuite extends ConformanceBase {
    private static final int SLOTS = 64;

    protected ModelSuite(BackendFixture fixture) {
        super(fixture);
    }

    /** The model of one pipe and the watch on one of its ends. */
    private final class Slot {
        final int index;
        Pipe pipe;
        int buffered;
        boolean watchesReadEnd;
        int interest; // 0: not watched
        int generation;
        boolean closedBehindBack; // closed while watched: the old file may still report, until re-watched
        boolean reportedThisRun;
        int readyAtRunStart;

        Slot(int index) {
            this.index = index;
            this.pipe = fds.pipe();
        }

        int fd() {
            return watchesReadEnd ? pipe.readFd() : pipe.writeFd();
        }

        /** @return what poll(2) would report for the watched end, within the interest */
        int expected() {
            int r = watchesReadEnd ? (buffered > 0 ? READ : 0) : WRITE;
            return r & interest;
        }
    }

    private final class Checker {
        final long seed;
        final SplittableRandom random;
        final Slot[] slots;
        long step;
        String op = "";
        int calls;
        int spurious;
        int faults;
        ModelFault thrown; // thrown by a handler in the run in progress, not yet seen coming out of it
        final List<String> trace = new ArrayList<>();

        Checker(long seed, int slotCount) {
            this.seed = seed;
            this.random = new SplittableRandom(seed);
            this.slots = new Slot[slotCount];
            for (int i = 0; i < slotCount; i++) {
                slots[i] = new Slot(i);
            }
        }

        java.util.function.Supplier<String> context;

        AssertionFailedError failure(String what) {
            int from = Math.max(0, trace.size() - 12);
            return new AssertionFailedError(fixture.name() + " model test, seed " + seed + " (replay with -Djzx.model.seed="
                    + seed + "), step " + step + " [" + op + "]" + (context == null ? "" : " (" + context.get() + ")")
                    + ": " + what + "\nlast operations:\n  "
                    + String.join("\n  ", trace.subList(from, trace.size())));
        }

        void watch(Slot s) {
            watch(s, random.nextBoolean());
        }

        void watch(Slot s, boolean readEnd) {
            int interest = 1 + random.nextInt(3);
            boolean sameFd = s.interest != 0 && readEnd == s.watchesReadEnd;
            if (s.interest != 0 && !sameFd) {
                loop.unwatch(s.fd()); // the other end was watched: unwatch it first
            }
            s.watchesReadEnd = readEnd;
            s.interest = interest;
            s.closedBehindBack = false;
            int generation = ++s.generation;
            int keepOneIn = 1 + random.nextInt(4);
            int throwOneIn = random.nextInt(8) == 0 ? 2 + random.nextInt(10) : 0; // 1 handler in 8 throws at times
            long handlerSeed = random.nextLong();
            loop.watch(s.fd(), interest, new ModelHandler(s, generation, keepOneIn, throwOneIn, handlerSeed));
        }

        void afterHandler(Slot s, int generation, int readiness, boolean keep) {
            calls++;
            if (generation != s.generation || (s.interest == 0 && !s.closedBehindBack)) {
                throw failure("handler of generation " + generation + " of slot " + s.index + " called after it was "
                        + "unwatched or replaced (current generation " + s.generation + ")");
            }
            if (s.closedBehindBack) {
                return; // the old file: anything may still come until the number is watched again
            }
            if ((readiness & ~(s.interest | ERROR | HANGUP)) != 0) {
                throw failure("readiness " + bits(readiness) + " outside interest " + bits(s.interest) + " on slot " + s.index);
            }
            if ((readiness & (ERROR | HANGUP)) != 0) {
                throw failure("ERROR/HANGUP " + bits(readiness) + " on a healthy pipe, slot " + s.index);
            }
            if ((readiness & ~s.expected()) != 0) {
                spurious++;
            }
            s.reportedThisRun = true;
            if (!keep) {
                int directions = readiness & INTEREST_MASK;
                s.interest &= ~(directions == 0 ? s.interest : directions);
            }
        }

        int lastCalls;

        void run() {
            for (Slot s : slots) {
                s.reportedThisRun = false;
                s.readyAtRunStart = s.closedBehindBack ? 0 : s.expected();
            }
            runsStarted.incrementAndGet();
            try {
                if (random.nextInt(4) == 0) {
                    op = "run NO_WAIT";
                    lastCalls = loop.run(RunMode.NO_WAIT);
                } else {
                    op = "run 1 ms";
                    lastCalls = loop.run(1, TimeUnit.MILLISECONDS);
                }
            } catch (ModelFault f) {
                if (f != thrown) {
                    throw failure("run threw " + f + ", not the exception the handler threw (" + thrown + ")");
                }
                thrown = null;
                faults++;
                // The rest of the batch is the next run's: its own check (everything ready at its
                // start is reported) is what proves nothing was lost across the throw.
                return;
            }
            if (thrown != null) {
                throw failure("a handler threw " + thrown + " but run returned normally");
            }
            for (Slot s : slots) {
                if (s.readyAtRunStart != 0 && !s.reportedThisRun && s.interest != 0 && (s.expected() != 0)) {
                    throw failure("slot " + s.index + " (fd " + s.fd() + ") was ready for " + bits(s.readyAtRunStart) + " (the run made " + lastCalls + " calls)"
                            + " and watched when the run began, and was not reported");
                }
            }
        }
    }

    private final class ModelHandler implements dev.jzx.ReadyHandler {
        final Slot slot;
        final int generation;
        final int keepOneIn;
        final int throwOneIn;
        final SplittableRandom random;
        Checker checker;

        ModelHandler(Slot slot, int generation, int keepOneIn, int throwOneIn, long seed) {
            this.slot = slot;
            this.generation = generation;
            this.keepOneIn = keepOneIn;
            this.throwOneIn = throwOneIn;
            this.random = new SplittableRandom(seed);
            this.checker = current;
        }

        @Override
        public boolean onReady(int fd, int readiness) {
            boolean fault = throwOneIn > 0 && random.nextInt(throwOneIn) == 0;
            boolean keep = fault || random.nextInt(keepOneIn) != 0 || keepOneIn == 1; // a throw counts as true
            checker.afterHandler(slot, generation, readiness, keep);
            if (fault) {
                if (checker.thrown != null) {
                    throw checker.failure("a handler was called after another threw, in the same run");
                }
                checker.thrown = new ModelFault("slot " + slot.index + " generation " + generation);
                throw checker.thrown;
            }
            return keep;
        }
    }

    private Checker current;


    /** What a model handler throws; it must come out of run as the same object. */
    static final class ModelFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ModelFault(String message) {
            super(message, null, false, false);
        }
    }

    /** Runs started so far, counted before each starts (for the foreign-call contract). */
    private final AtomicInteger runsStarted = new AtomicInteger();

    @Test
    void randomOperationsKeepTheContract() {
        long ops = Long.getLong("jzx.model.ops", 100_000);
        model(ops, SLOTS, null);
    }

    /**
     * The same model on 48 pipes, while a second thread watches, re-watches (either end, any
     * interest), unwatches and wakes the loop on 16 pipes of its own. Foreign calls take effect
     * before the run in progress dispatches its next batch: a replaced or unwatched handler may
     * still be called in the run in progress when the call returned, never in a run that started
     * after it. Each foreign handler also checks it sees only its own interest (ERROR and HANGUP
     * aside). At the end the foreign thread watches all its pipes once more and each must deliver.
     * The loop thread's part is seeded as the other test; the interleaving is not.
     */
    @Test
    void randomOperationsWithForeignCallsKeepTheContract() throws Exception {
        long ops = Long.getLong("jzx.model.ops", 100_000) / 2;
        int foreignSlots = 16;
        Pipe[] foreign = new Pipe[foreignSlots];
        for (int i = 0; i < foreignSlots; i++) {
            foreign[i] = pipeWithData(1); // read end always READ-ready, write end always WRITE-ready
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger stale = new AtomicInteger();
        AtomicInteger outside = new AtomicInteger();
        AtomicLong foreignOps = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Recorder[] finals = new Recorder[foreignSlots * 2];
        CountDownLatch finished = new CountDownLatch(1);
        long foreignSeed = System.nanoTime();
        Thread other = start("jzx-model-foreign", () -> {
            try {
                SplittableRandom random = new SplittableRandom(foreignSeed);
                AtomicInteger[] retiredAt = new AtomicInteger[foreignSlots * 2];
                while (!stop.get()) {
                    int i = random.nextInt(foreignSlots);
                    boolean readEnd = random.nextBoolean();
                    int fd = readEnd ? foreign[i].readFd() : foreign[i].writeFd();
                    int slot = i * 2 + (readEnd ? 0 : 1);
                    int dice = random.nextInt(10);
                    AtomicInteger previous = retiredAt[slot];
                    if (dice < 5) {
                        int interest = 1 + random.nextInt(3);
                        AtomicInteger mine = new AtomicInteger(Integer.MAX_VALUE);
                        loop.watch(fd, interest, (f, readiness) -> {
                            if (runsStarted.get() > mine.get()) {
                                stale.incrementAndGet();
                            }
                            if ((readiness & ~(interest | ERROR | HANGUP)) != 0) {
                                outside.incrementAndGet();
                            }
                            return true;
                        });
                        retiredAt[slot] = mine;
                    } else if (dice < 8) {
                        loop.unwatch(fd);
                        retiredAt[slot] = null;
                    } else {
                        loop.wakeup();
                        previous = null;
                    }
                    if (previous != null) {
                        previous.set(runsStarted.get());
                    }
                    foreignOps.incrementAndGet();
                    if ((foreignOps.get() & 15) == 0) {
                        Thread.yield();
                    }
                }
                for (int i = 0; i < foreignSlots; i++) {
                    finals[2 * i] = new Recorder();
                    loop.watch(foreign[i].readFd(), READ, finals[2 * i]);
                    finals[2 * i + 1] = new Recorder();
                    loop.watch(foreign[i].writeFd(), WRITE, finals[2 * i + 1]);
                }
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                finished.countDown();
            }
        });
        try {
            model(ops, SLOTS - foreignSlots, () -> "foreign thread seed " + foreignSeed + ", " + foreignOps.get()
                    + " foreign calls so far, " + stale.get() + " stale calls, " + outside.get() + " outside interest");
        } finally {
            stop.set(true);
            other.join(PATIENCE.toMillis());
        }
        assertFalse(other.isAlive(), "the foreign thread did not stop");
        assertTrue(finished.await(1, TimeUnit.SECONDS));
        assertNull(failure.get(), () -> "the foreign thread failed: " + failure.get());
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!allCalled(finals)) {
            assertTrue(System.nanoTime() < deadline, "after the foreign calls, not every final foreign watch delivered");
            runsStarted.incrementAndGet();
            try {
                loop.run(50, TimeUnit.MILLISECONDS);
            } catch (ModelFault f) {
                // a local handler's planned throw: not the point here, but it must be the one thrown
                assertTrue(f == current.thrown, () -> "run threw " + f + ", not " + current.thrown);
                current.thrown = null;
            }
        }
        assertEquals(0, stale.get(), "foreign handlers called in a run that started after their replacement returned");
        assertEquals(0, outside.get(), "foreign handlers called with readiness outside their interest");
        assertTrue(foreignOps.get() > 0, "the foreign thread made no call");
        System.out.printf("[jzx] %s model with foreign calls: %d foreign calls, seed %d, foreign seed %d%n",
                fixture.name(), foreignOps.get(), lastSeed, foreignSeed);
    }

    private static boolean allCalled(Recorder[] handlers) {
        for (Recorder r : handlers) {
            if (r == null || r.count() == 0) {
                return false;
            }
        }
        return true;
    }

    private long lastSeed;

    private void model(long ops, int slotCount, java.util.function.Supplier<String> context) {
        Long fixed = Long.getLong("jzx.model.seed");
        long seed = fixed != null ? fixed : System.nanoTime();
        lastSeed = seed;
        Checker c = new Checker(seed, slotCount);
        c.context = context;
        current = c;
        for (c.step = 0; c.step < ops; c.step++) {
            Slot s = c.slots[c.random.nextInt(slotCount)];
            int dice = c.random.nextInt(100);
            if (dice < 20) {
                c.op = "watch slot " + s.index;
                c.watch(s);
            } else if (dice < 30) {
                c.op = "unwatch slot " + s.index;
                if (s.interest != 0 || s.closedBehindBack) {
                    loop.unwatch(s.fd());
                }
                s.interest = 0;
                s.closedBehindBack = false;
            } else if (dice < 50) {
                c.op = "write slot " + s.index;
                if (s.buffered < 4) {
                    s.buffered += fds.write(s.pipe.writeFd(), 1);
                }
            } else if (dice < 62) {
                c.op = "read slot " + s.index;
                int n = fds.read(s.pipe.readFd(), 1 + c.random.nextInt(2));
                s.buffered -= Math.max(0, n);
            } else if (dice < 64) {
                c.op = "close and reopen slot " + s.index + (s.interest != 0 ? " (watched, behind the loop's back)" : "");
                if (s.interest != 0) {
                    s.closedBehindBack = true; // the loop still has the watch; its old file may still report
                    s.interest = 0;
                }
                int oldFd = s.fd();
                fds.close(s.pipe.readFd());
                fds.close(s.pipe.writeFd());
                s.pipe = fds.pipe();
                s.buffered = 0;
                if (s.closedBehindBack) {
                    if (s.fd() != oldFd) {
                        // The number went elsewhere (another descriptor was free below it): the loop
                        // still watches the old number for the old file, so retire it explicitly.
                        loop.unwatch(oldFd);
                        s.closedBehindBack = false;
                        s.generation++;
                    }
                    c.watch(s, s.watchesReadEnd); // the same number: it must now arm against the new file
                }
            } else if (dice < 66) {
                c.op = "wakeup";
                loop.wakeup();
            } else {
                c.op = "run";
                c.run();
            }
            c.trace.add(c.step + ": " + c.op);
            if (c.trace.size() > 64) {
                c.trace.remove(0);
            }
        }
        if (c.calls > 0 && c.spurious * 20 > c.calls) {
            throw c.failure("spurious readiness is not rare: " + c.spurious + " of " + c.calls + " reports");
        }
        if (ops >= 10_000 && c.faults == 0) {
            throw c.failure("no handler threw in " + ops + " operations: the fault path was not exercised");
        }
        System.out.printf("[jzx] %s model: %d operations, %d handler calls, %d spurious, %d handler throws, seed %d%n",
                fixture.name(), ops, c.calls, c.spurious, c.faults, seed);
    }
}
