package dev.jzx.bench;

import dev.jzx.Loop;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Param;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Wake-ups. {@code pending}: the cost of {@code wakeup()} when one is already pending (the
 * common case under load: it must be a memory read, no system call). {@code roundTrip}: two
 * threads, each blocked in its own loop's {@code run(ONCE)}, waking each other in turn; one
 * operation is a full round trip, two cross-thread wake-ups.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WakeupBenchmark {

    @State(Scope.Thread)
    public static class Pending {
        @Param({"io_uring", "epoll"})
        public String backend;
        Loop loop;

        @Setup(Level.Trial)
        public void setUp() {
            loop = Loop.open(backend);
            loop.wakeup(); // from now on every wakeup() finds one pending
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            loop.close();
        }
    }

    @State(Scope.Group)
    public static class Pair {
        @Param({"io_uring", "epoll"})
        public String backend;
        Loop ping;
        Loop pong;

        @Setup(Level.Trial)
        public void setUp() {
            ping = Loop.open(backend);
            pong = Loop.open(backend);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            ping.close();
            pong.close();
        }
    }

    @Benchmark
    public void pending(Pending s) {
        s.loop.wakeup();
    }

    @Benchmark
    @Group("roundTrip")
    @GroupThreads(1)
    public int ping(Pair p) {
        p.pong.wakeup();
        return p.ping.run(10, TimeUnit.MILLISECONDS); // bounded, so the trial can end
    }

    @Benchmark
    @Group("roundTrip")
    @GroupThreads(1)
    public int pong(Pair p) {
        int n = p.pong.run(10, TimeUnit.MILLISECONDS);
        p.ping.wakeup();
        return n;
    }
}
