package dev.jzx.bench;

import dev.jzx.Loop;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Wake-ups. {@code pending}: the cost of {@code wakeup()} when one is already pending (the
 * common case under load: it must be a memory read, no system call). {@code roundTrip}: two
 * threads, each blocked in its own loop's {@code run(ONCE)}, waking each other in turn; one
 * operation is a full round trip, two cross-thread wake-ups.
 */
public class WakeupBenchmark extends JmhDefaults {

    /** A loop with a wake-up pending for the whole trial. */
    public static class Pending extends LoopState {
        @Override
        protected void prepare() {
            loop.wakeup(); // from now on every wakeup() finds one pending
        }
    }

    /** Two loops on the same backend, one per thread of the group. */
    @State(Scope.Group)
    public static class Pair extends BackendState {
        Loop ping;
        Loop pong;

        /** Opens both loops. */
        @Setup(Level.Trial)
        public void setUp() {
            ping = Loop.open(backend);
            pong = Loop.open(backend);
        }

        /** Closes both loops. */
        @TearDown(Level.Trial)
        public void tearDown() {
            ping.close();
            pong.close();
        }
    }

    /**
     * One {@code wakeup()} that finds one pending.
     *
     * @param s the loop
     */
    @Benchmark
    public void pending(Pending s) {
        s.loop.wakeup();
    }

    /**
     * Wakes the pong thread, then waits to be woken.
     *
     * @param p the two loops
     * @return the events delivered: none, a wake-up is not one
     */
    @Benchmark
    @Group("roundTrip")
    @GroupThreads(1)
    public int ping(Pair p) {
        p.pong.wakeup();
        return p.ping.run(10, TimeUnit.MILLISECONDS); // bounded, so the trial can end
    }

    /**
     * Waits to be woken, then wakes the ping thread.
     *
     * @param p the two loops
     * @return the events delivered: none, a wake-up is not one
     */
    @Benchmark
    @Group("roundTrip")
    @GroupThreads(1)
    public int pong(Pair p) {
        int n = p.pong.run(10, TimeUnit.MILLISECONDS);
        p.ping.wakeup();
        return n;
    }
}
