package dev.jzx.iouring;

import dev.jzx.iouring.netty.NettyRing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jzx.Io;
import io.netty.channel.unix.FileDescriptor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a timer costs the ring, with the backend driven the way core's run loop drives it while
 * a timer is pending: each wait is bounded by the time left until the timer's deadline. A loop
 * with only a timer pending enters the ring once per expiry, and waits that end early (an fd
 * became ready) do not leave one IORING_OP_TIMEOUT each in the kernel.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimerWaitTest {
    private final BackendHarness harness = new BackendHarness();
    private final Ring ring = harness.backend.ring;

    @AfterEach
    void close() {
        harness.close();
    }

    private long timeoutsQueued() {
        return ring instanceof NettyRing ? ((NettyRing) ring).timeoutsQueued() : 0;
    }

    /** As core's run loop: waits, bounded by {@code deadline}, until it has passed. */
    private void waitFor(long deadline) {
        long now;
        while ((now = System.nanoTime()) - deadline < 0) {
            harness.backend.poll(deadline - now, harness.sink);
        }
    }

    @Test
    void aLoopWithOnlyATimerPendingEntersTheRingOncePerExpiry() {
        harness.pollNoWait(); // the ring's own first submissions (its eventfd read) out of the way
        int expiries = 20;
        long runsBefore = ring.enters();
        long timeoutsBefore = timeoutsQueued();
        for (int i = 0; i < expiries; i++) {
            waitFor(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2));
        }
        assertEquals(expiries, ring.enters() - runsBefore, "ring entries for " + expiries + " expiries");
        if (ring instanceof NettyRing) { // the FFM ring bounds a wait in io_uring_enter's argument, no entry
            assertEquals(expiries, timeoutsQueued() - timeoutsBefore, "IORING_OP_TIMEOUTs for " + expiries + " expiries");
        }
    }

    @Test
    void aTimedWaitEndedByAnFdLeavesNoTimeoutBehind() throws Exception {
        FileDescriptor[] pipe = harness.pipe();
        harness.backend.register(pipe[0].intValue(), Io.READ, 1);
        Semaphore consumed = new Semaphore(0);
        int rounds = 200;
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < rounds; i++) {
                    harness.write(pipe[1], 1);
                    if (!consumed.tryAcquire(10, TimeUnit.SECONDS)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "jzx-writer");
        writer.setDaemon(true);
        long start = System.nanoTime();
        // Round i waits with a deadline of 2 s + i ms; a timeout outliving its wait would
        // expire during the final wait below and end it early.
        long timeoutsBefore = timeoutsQueued();
        writer.start();
        for (int reads = 0; reads < rounds; ) {
            harness.sink.clear();
            long deadline = start + TimeUnit.MILLISECONDS.toNanos(2_000 + reads);
            harness.backend.poll(Math.max(1, deadline - System.nanoTime()), harness.sink);
            if (harness.sink.count() > 0) {
                harness.drain(pipe[0]);
                reads++;
                consumed.release();
            }
        }
        writer.join(10_000);
        long timedWaits = timeoutsQueued() - timeoutsBefore;
        assumeTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2),
                "the rounds took longer than the earliest deadline: too slow here to tell");
        long runsBefore = ring.enters();
        waitFor(start + TimeUnit.MILLISECONDS.toNanos(2_500));
        assertEquals(1, ring.enters() - runsBefore, "the wait for the 2.5 s deadline was ended early (" + timedWaits
                + " timed waits before it): a timeout of an earlier wait was still in the kernel");
    }
}
