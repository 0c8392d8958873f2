package dev.jzx.bench;

import dev.jzx.Io;
import dev.jzx.Loop;
import dev.jzx.ReadyHandler;
import dev.jzx.RunMode;
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
 * Watch + unwatch pairs on an idle pipe from the thread that owns the loop, with a
 * {@code run(NO_WAIT)} every 64 pairs so a completion-based backend reaps what the kernel
 * posted. An operation is one pair.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChurnBenchmark {
    private static final ReadyHandler IGNORE = (fd, r) -> true;

    @Param({"io_uring", "epoll"})
    public String backend;

    private Loop loop;
    private NativePipe pipe;
    private int pairs;

    @Setup(Level.Trial)
    public void setUp() {
        loop = Loop.open(backend);
        pipe = NativePipe.open();
    }

    @Benchmark
    public void watchUnwatch() {
        int fd = pipe.readFd();
        loop.watch(fd, Io.READ, IGNORE);
        loop.unwatch(fd);
        if ((++pairs & 63) == 0) {
            loop.run(RunMode.NO_WAIT);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        loop.close();
        pipe.close();
    }
}
