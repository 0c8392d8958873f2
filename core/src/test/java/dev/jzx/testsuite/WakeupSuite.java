package dev.jzx.testsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.RunMode;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Contract item 9 ({@code docs/contract.md}) and the run modes. The elapsed-time checks here are functional (did it
 * block or not, with margins of seconds), never speed measurements.
 */
public abstract class WakeupSuite extends ConformanceBase {

    protected WakeupSuite(BackendFixture fixture) {
        super(fixture);
    }

    @Test
    void noWaitNeverBlocks() {
        Pipe idle = fds.pipe();
        loop.watch(idle.readFd(), dev.jzx.Io.READ, new Recorder());
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            assertEquals(0, loop.run(RunMode.NO_WAIT));
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "100 NO_WAIT runs took seconds: one blocked");
    }

    @Test
    void runWithTimeoutReturnsZeroNearTheTimeout() {
        long start = System.nanoTime();
        assertEquals(0, loop.run(300, TimeUnit.MILLISECONDS));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms >= 250, "returned after " + ms + " ms, before the 300 ms timeout");
        assertTrue(ms < 5000, "returned after " + ms + " ms, long past the 300 ms timeout");
    }

    @Test
    void zeroTimeoutIsNoWait() {
        long start = System.nanoTime();
        assertEquals(0, loop.run(0, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void wakeupBeforeRunMakesItReturn() {
        loop.wakeup();
        assertEquals(0, loop.run(RunMode.ONCE)); // the class timeout catches a hang
    }

    @Test
    void thousandWakeupsCoalesceIntoOneReturn() {
        for (int i = 0; i < 1000; i++) {
            loop.wakeup();
        }
        assertEquals(0, loop.run(RunMode.ONCE));
        long start = System.nanoTime();
        assertEquals(0, loop.run(300, TimeUnit.MILLISECONDS));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms >= 250, "the second run returned after " + ms + " ms: the wake-ups did not coalesce");
    }

    @Test
    void wakeupFromAnotherThreadUnblocksRunOnce() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger result = new AtomicInteger(-1);
        Thread runner = start("jzx-runner", () -> {
            started.countDown();
            result.set(loop.run(RunMode.ONCE));
        });
        assertTrue(started.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        awaitBlockedRun(0);
        assertTrue(runner.isAlive(), "run(ONCE) returned with nothing to do");
        loop.wakeup();
        runner.join(PATIENCE.toMillis());
        assertFalse(runner.isAlive(), "wakeup from another thread did not unblock run(ONCE)");
        assertEquals(0, result.get());
    }

    @Test
    void wakeupsFromManyThreadsStillReturnOnce() throws Exception {
        Thread[] ts = new Thread[4];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = start("jzx-waker-" + i, () -> {
                for (int j = 0; j < 1000; j++) {
                    loop.wakeup();
                }
            });
        }
        for (Thread t : ts) {
            t.join(PATIENCE.toMillis());
        }
        assertEquals(0, loop.run(RunMode.ONCE));
        long start = System.nanoTime();
        loop.run(300, TimeUnit.MILLISECONDS);
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 250, "a second return");
    }

    @Test
    void aWakeupMadeInAHandlerEndsTheNextRunOnce() {
        Pipe p = pipeWithData(1);
        Recorder r = new Recorder(readiness -> {
            loop.wakeup();
            return false;
        });
        loop.watch(p.readFd(), dev.jzx.Io.READ, r);
        runUntil(() -> r.count() >= 1, "handler ran");
        assertEquals(0, loop.run(RunMode.ONCE), "the wakeup made in the handler ends the next run");
        long start = System.nanoTime();
        assertEquals(0, loop.run(300, TimeUnit.MILLISECONDS));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 250, "one wakeup, one return");
    }

    @Test
    void wakeupAfterCloseIsANoOp() {
        loop.close();
        loop.wakeup();
        loop.wakeup();
    }
}
