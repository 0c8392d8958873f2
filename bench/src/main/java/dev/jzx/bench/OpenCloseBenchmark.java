package dev.jzx.bench;

import dev.jzx.Loop;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The cost of a loop's life without use: {@code Loop.open(backend)} then {@code close()}. For
 * io_uring that is the ring's setup, its enabling and destruction on the keeper thread, and
 * Netty's handler; the C floor ({@code setup_uring.c}) is io_uring_setup + mmap + close. Run
 * with {@code -bm sample} for the median. A {@link BackendState}, not a {@link LoopState}: a
 * loop held open beside the ones measured would be one more ring than the C floor has.
 */
public class OpenCloseBenchmark extends BackendState {
    /** @return the closed loop, so that its opening cannot be optimised away */
    @Benchmark
    public Loop openClose() {
        Loop loop = Loop.open(backend);
        loop.close();
        return loop;
    }
}
