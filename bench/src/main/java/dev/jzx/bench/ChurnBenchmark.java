package dev.jzx.bench;

import dev.jzx.Io;
import dev.jzx.RunMode;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Watch + unwatch pairs on an idle pipe from the thread that owns the loop, with a
 * {@code run(NO_WAIT)} every 64 pairs so a completion-based backend reaps what the kernel
 * posted. An operation is one pair.
 */
public class ChurnBenchmark extends LoopState {
    private NativePipe pipe;
    private int pairs;

    @Override
    protected void prepare() {
        pipe = pipe();
    }

    /** One watch and its unwatch of the pipe's read end. */
    @Benchmark
    public void watchUnwatch() {
        int fd = pipe.readFd();
        loop.watch(fd, Io.READ, IGNORE);
        loop.unwatch(fd);
        if ((++pairs & 63) == 0) {
            loop.run(RunMode.NO_WAIT);
        }
    }
}
