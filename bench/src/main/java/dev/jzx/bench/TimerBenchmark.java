package dev.jzx.bench;

import dev.jzx.Loop;
import dev.jzx.RunMode;
import dev.jzx.Timer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;

/**
 * {@link Loop#schedule} with {@link #pending} timers pending (due in 1 to 2 hours), from the
 * thread that runs the loop, between runs. {@link TimerPeerBenchmark} does the same
 * work with the JDK's {@code ScheduledThreadPoolExecutor} and Netty's {@code HashedWheelTimer}.
 */
@Fork(value = 1, jvmArgsAppend = "-Xmx2g") // a million pending timers
public class TimerBenchmark extends LoopState {
    /** Timers pending during the measurement: {@value TimerPeers#PENDING}, or 0 for an idle loop. */
    @Param("1000000")
    public int pending;

    private int fired;
    private final Runnable count = () -> fired++;
    private final Runnable never = () -> {
        throw new AssertionError("a pending timer fired");
    };
    private long next;

    @Override
    protected void prepare() {
        for (int i = 0; i < pending; i++) {
            loop.schedule(TimerPeers.pendingDelayNanos(i), TimeUnit.NANOSECONDS, never);
        }
    }

    /** One schedule and its cancel, at a deadline among the pending ones. */
    @Benchmark
    public boolean scheduleCancel() {
        Timer t = loop.schedule(TimerPeers.pendingDelayNanos((int) (next++ & 0xFFFFF)), TimeUnit.NANOSECONDS, never);
        return t.cancel();
    }

    /** {@value TimerPeers#BATCH} timers due at once, scheduled and run; an operation is one fire. */
    @Benchmark
    @OperationsPerInvocation(TimerPeers.BATCH)
    public int fire() {
        int target = fired + TimerPeers.BATCH;
        for (int i = 0; i < TimerPeers.BATCH; i++) {
            loop.schedule(0, TimeUnit.NANOSECONDS, count);
        }
        while (fired != target) {
            loop.run(RunMode.NO_WAIT);
        }
        return fired;
    }

    /** A 1 ms timer on an otherwise idle loop, waited for with {@code run(ONCE)}: 1 ms plus the lateness. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public int lateness() {
        int target = fired + 1;
        loop.schedule(1, TimeUnit.MILLISECONDS, count);
        while (fired != target) {
            loop.run(RunMode.ONCE);
        }
        return fired;
    }
}
