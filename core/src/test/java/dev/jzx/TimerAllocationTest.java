package dev.jzx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.spi.Backends;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Timers allocate nothing but the {@link Timer} handle {@code schedule} returns: not per fire,
 * not per cancel, with 100,000 timers pending. Core on a backend that allocates nothing itself.
 */
class TimerAllocationTest {
    private static final int PENDING = 100_000;
    private static final int ROUNDS = 200_000;
    private final com.sun.management.ThreadMXBean mx =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private int fired;
    private final Runnable count = () -> fired++;
    private final Runnable never = () -> {
        throw new AssertionError("a far timer fired");
    };

    private LoopRuntime loopWithPendingTimers() {
        ScriptedBackend backend = new ScriptedBackend();
        backend.record = false;
        LoopRuntime loop = new LoopRuntime(new Backends.Opened("scripted", backend));
        for (int i = 0; i < PENDING; i++) {
            loop.schedule(1 + i % 1000, TimeUnit.HOURS, never);
        }
        return loop;
    }

    @Test
    void firingAllocatesNothing() {
        try (LoopRuntime loop = loopWithPendingTimers()) {
            long allocated = 0;
            int fires = 0;
            for (int round = 0; round < 400; round++) { // the first half warms up
                for (int i = 0; i < 1000; i++) {
                    loop.schedule(0, TimeUnit.NANOSECONDS, count);
                }
                int target = fired + 1000;
                long before = mx.getCurrentThreadAllocatedBytes();
                while (fired != target) {
                    loop.run(RunMode.NO_WAIT);
                }
                if (round >= 200) {
                    allocated += mx.getCurrentThreadAllocatedBytes() - before;
                    fires += 1000;
                }
            }
            double perFire = allocated / (double) fires;
            System.out.printf("[core] timers: %.3f bytes allocated per fire (%d fires, %d pending)%n",
                    perFire, fires, PENDING);
            assertTrue(perFire < 1, "firing allocates " + perFire + " bytes per fire");
        }
    }

    @Test
    void scheduleAndCancelAllocateOnlyTheHandle() {
        try (LoopRuntime loop = loopWithPendingTimers()) {
            long handleBytes = handleSize(loop);
            for (int i = 0; i < ROUNDS; i++) { // warm up
                loop.schedule(30, TimeUnit.MINUTES, never).cancel();
            }
            long before = mx.getCurrentThreadAllocatedBytes();
            int cancelled = 0;
            for (int i = 0; i < ROUNDS; i++) {
                Timer t = loop.schedule(30 + i % 60, TimeUnit.MINUTES, never);
                cancelled += t.cancel() ? 1 : 0;
            }
            double perPair = (mx.getCurrentThreadAllocatedBytes() - before) / (double) ROUNDS;
            System.out.printf("[core] timers: %.2f bytes allocated per schedule + cancel (handle: %d bytes)%n",
                    perPair, handleBytes);
            assertEquals(ROUNDS, cancelled);
            assertTrue(handleBytes <= 64, "one schedule allocates " + handleBytes
                    + " bytes; the handle alone is 48 (compressed references) to 64");
            assertTrue(perPair <= handleBytes + 1, "a schedule + cancel pair allocates " + perPair
                    + " bytes; one schedule alone " + handleBytes);
        }
    }

    /** @return bytes one schedule allocates, measured (the handle) */
    private long handleSize(LoopRuntime loop) {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 10_000; i++) {
            long before = mx.getCurrentThreadAllocatedBytes();
            Timer t = loop.schedule(30, TimeUnit.MINUTES, never);
            min = Math.min(min, mx.getCurrentThreadAllocatedBytes() - before);
            t.cancel();
        }
        return min;
    }
}
