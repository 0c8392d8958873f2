package dev.jzx.testsuite;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jzx.Io;
import dev.jzx.Loop;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * What every conformance suite shares: a fresh loop and descriptor factory per test, closed
 * after it, and helpers that never wait without a bound. A backend module runs a suite by
 * extending it with a constructor that passes its {@link BackendFixture}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class ConformanceBase {
    /** The longest any single wait in a test may take before the test fails. */
    protected static final Duration PATIENCE = Duration.ofSeconds(10);

    protected final BackendFixture fixture;
    protected Loop loop;
    /** The pipe {@link #settle()} makes ready, once made. */
    private Pipe sentinel;
    /** {@link #loop}'s backend, for waiting until a run is blocked in it. */
    protected ObservedBackend backend;
    protected Fds fds;

    protected ConformanceBase(BackendFixture fixture) {
        this.fixture = fixture;
    }

    @BeforeEach
    void openLoop() {
        fixture.requireAvailable();
        fds = fixture.newFds();
        BackendFixture.Observed observed = fixture.openObserved();
        loop = observed.loop();
        backend = observed.backend();
    }

    @AfterEach
    void closeLoop() {
        if (loop != null) {
            loop.close();
        }
        if (fds != null) {
            fds.close();
        }
    }

    /** @return a pipe with {@code bytes} unread bytes in it */
    protected Pipe pipeWithData(int bytes) {
        Pipe p = fds.pipe();
        if (bytes > 0 && fds.write(p.writeFd(), bytes) != bytes) {
            fail("could not write " + bytes + " bytes into a new pipe");
        }
        return p;
    }

    /**
     * Runs the loop (bounded waits) until {@code done} holds.
     *
     * @return the handler calls made
     */
    protected int runUntil(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int calls = 0;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("after " + PATIENCE.toSeconds() + " s of running the " + fixture.name() + " loop, still not: " + what);
            }
            calls += loop.run(50, TimeUnit.MILLISECONDS);
        }
        return calls;
    }

    /**
     * Waits until a run on another thread is inside a wait that may block, the
     * {@code after + 1}-th such wait or a later one (see {@link ObservedBackend#blockingWaitsBegun()}).
     */
    protected void awaitBlockedRun(long after) throws InterruptedException {
        if (!backend.awaitBlockingWait(after, PATIENCE)) {
            fail("after " + PATIENCE.toSeconds() + " s the " + fixture.name() + " loop's run never blocked");
        }
    }

    /** Runs {@code n} times without waiting; returns the handler calls made. */
    protected int runNoWait(int n) {
        int calls = 0;
        for (int i = 0; i < n; i++) {
            calls += loop.run(dev.jzx.RunMode.NO_WAIT);
        }
        return calls;
    }

    /**
     * Runs until everything the kernel had to report when this was called has been dispatched,
     * so that "nothing was delivered" means something: a sentinel pipe is made ready and the loop
     * runs until the sentinel is reported, twice (a readiness that was pending before the first
     * write has been reaped by the time the kernel reports the second). No timing is involved.
     *
     * @return the handler calls made, the sentinel's not counted
     */
    protected int settle() {
        if (sentinel == null) {
            sentinel = fds.pipe();
        }
        int calls = 0;
        for (int round = 0; round < 2; round++) {
            int[] seen = {0};
            loop.watch(sentinel.readFd(), Io.READ, (fd, r) -> {
                fds.drain(fd);
                seen[0]++;
                return false;
            });
            fds.write(sentinel.writeFd(), 1);
            calls += runUntil(() -> seen[0] > 0, "the settle sentinel reported") - seen[0];
        }
        return calls;
    }

    protected static String bits(int mask) {
        return Io.toString(mask);
    }

    /** Starts a daemon thread; tests join it with a timeout. */
    protected static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
