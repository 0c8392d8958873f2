package dev.jzx.bench;

import java.io.IOException;
import java.nio.channels.Selector;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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

/** {@link WakeupBenchmark} with JDK {@link Selector}s. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SelectorWakeupBenchmark {

    @State(Scope.Thread)
    public static class Pending {
        Selector selector;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            selector = Selector.open();
            selector.wakeup();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            selector.close();
        }
    }

    @State(Scope.Group)
    public static class Pair {
        Selector ping;
        Selector pong;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            ping = Selector.open();
            pong = Selector.open();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            ping.close();
            pong.close();
        }
    }

    @Benchmark
    public Selector pending(Pending s) {
        return s.selector.wakeup();
    }

    @Benchmark
    @Group("roundTrip")
    @GroupThreads(1)
    public int ping(Pair p) throws IOException {
        p.pong.wakeup();
        return p.ping.select(10);
    }

    @Benchmark
    @Group("roundTrip")
    @GroupThreads(1)
    public int pong(Pair p) throws IOException {
        int n = p.pong.select(10);
        p.ping.wakeup();
        return n;
    }
}
