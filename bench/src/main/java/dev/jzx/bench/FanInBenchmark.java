package dev.jzx.bench;

import dev.jzx.Io;
import dev.jzx.Loop;
import dev.jzx.RunMode;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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
 * 1,000 ready fds per run: each pipe holds a byte that is never read, so every
 * {@code run(NO_WAIT)} delivers all of them (level-triggered). Reported per event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FanInBenchmark {
    static final int FDS = 1000;

    @Param({"io_uring", "epoll"})
    public String backend;

    private Loop loop;
    private final List<NativePipe> pipes = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
        loop = Loop.open(backend);
        for (int i = 0; i < FDS; i++) {
            NativePipe p = NativePipe.open();
            pipes.add(p);
            NativePipe.writeByte(p.write);
            loop.watch(p.readFd(), Io.READ, (fd, r) -> true);
        }
    }

    @Benchmark
    @OperationsPerInvocation(FDS)
    public int fanIn() {
        return loop.run(RunMode.NO_WAIT);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        loop.close();
        pipes.forEach(NativePipe::close);
        pipes.clear();
    }
}
