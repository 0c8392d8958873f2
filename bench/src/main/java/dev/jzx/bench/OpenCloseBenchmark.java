package dev.jzx.bench;

import dev.jzx.Loop;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a loop's life without use: {@code Loop.open(backend)} then {@code close()}. For
 * io_uring that is the ring's setup, its enabling and destruction on the keeper thread, and
 * Netty's handler; the C floor ({@code setup_uring.c}) is io_uring_setup + mmap + close. Run
 * with {@code -bm sample} for the median.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class OpenCloseBenchmark {
    @Param({"io_uring", "epoll"})
    public String backend;

    @Benchmark
    public Loop openClose() {
        Loop loop = Loop.open(backend);
        loop.close();
        return loop;
    }
}
