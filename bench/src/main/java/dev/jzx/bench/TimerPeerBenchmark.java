package dev.jzx.bench;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link TimerBenchmark}'s work with the JDK's {@link ScheduledThreadPoolExecutor} (one thread,
 * remove-on-cancel so that cancelled tasks leave its queue as jzx's do) and Netty's
 * {@link HashedWheelTimer} (1 ms ticks, its finest useful resolution). Their tasks run on their
 * own thread, so the benchmark thread waits for a fire by spinning on a volatile counter (no
 * park/unpark in the measurement).
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g") // a million pending timers, as for TimerBenchmark
public class TimerPeerBenchmark extends JmhDefaults {
    /** The timer measured: the JDK's {@code stpe} or Netty's {@code hashed-wheel}. */
    @Param({"stpe", "hashed-wheel"})
    public String peer;

    /** Timers pending during the measurement, as in {@link TimerBenchmark#pending}. */
    @Param("1000000")
    public int pending;

    private ScheduledThreadPoolExecutor stpe;
    private HashedWheelTimer wheel;
    private volatile int fired;
    private final Runnable count = () -> fired++; // one writer thread: the peer's
    private final TimerTask countTask = t -> fired++;
    private final Runnable never = () -> {
        throw new AssertionError("a pending timer fired");
    };
    private final TimerTask neverTask = t -> never.run();
    private long next;

    /** Starts the peer's timer thread with {@link #pending} timers pending. */
    @Setup(Level.Trial)
    public void setUp() {
        if (peer.equals("stpe")) {
            stpe = new ScheduledThreadPoolExecutor(1);
            stpe.setRemoveOnCancelPolicy(true);
            for (int i = 0; i < pending; i++) {
                stpe.schedule(never, TimerPeers.pendingDelayNanos(i), TimeUnit.NANOSECONDS);
            }
        } else if (peer.equals("hashed-wheel")) {
            wheel = new HashedWheelTimer(1, TimeUnit.MILLISECONDS);
            for (int i = 0; i < pending; i++) {
                wheel.newTimeout(neverTask, TimerPeers.pendingDelayNanos(i), TimeUnit.NANOSECONDS);
            }
        } else {
            throw new IllegalArgumentException("peer must be stpe or hashed-wheel, was " + peer);
        }
    }

    /** @return whether the cancel took: {@link TimerBenchmark#scheduleCancel()} on the peer */
    @Benchmark
    public boolean scheduleCancel() {
        long delay = TimerPeers.pendingDelayNanos((int) (next++ & 0xFFFFF));
        if (stpe != null) {
            ScheduledFuture<?> f = stpe.schedule(never, delay, TimeUnit.NANOSECONDS);
            return f.cancel(false);
        }
        Timeout t = wheel.newTimeout(neverTask, delay, TimeUnit.NANOSECONDS);
        return t.cancel();
    }

    /** @return the fires counted: {@link TimerBenchmark#fire()} on the peer */
    @Benchmark
    @OperationsPerInvocation(TimerPeers.BATCH)
    public int fire() {
        int target = fired + TimerPeers.BATCH;
        for (int i = 0; i < TimerPeers.BATCH; i++) {
            if (stpe != null) {
                stpe.schedule(count, 0, TimeUnit.NANOSECONDS);
            } else {
                wheel.newTimeout(countTask, 0, TimeUnit.NANOSECONDS);
            }
        }
        while (fired != target) {
            Thread.onSpinWait();
        }
        return target;
    }

    /** @return the fires counted: {@link TimerBenchmark#lateness()} on the peer */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public int lateness() {
        int target = fired + 1;
        if (stpe != null) {
            stpe.schedule(count, 1, TimeUnit.MILLISECONDS);
        } else {
            wheel.newTimeout(countTask, 1, TimeUnit.MILLISECONDS);
        }
        while (fired != target) {
            Thread.onSpinWait();
        }
        return target;
    }

    /** Stops the peer's timer thread, dropping what is pending. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (stpe != null) {
            stpe.shutdownNow();
        }
        if (wheel != null) {
            wheel.stop();
        }
    }
}
