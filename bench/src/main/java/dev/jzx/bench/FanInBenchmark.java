package dev.jzx.bench;

import dev.jzx.Io;
import dev.jzx.RunMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/**
 * 1,000 ready fds per run: each pipe holds a byte that is never read, so every
 * {@code run(NO_WAIT)} delivers all of them (level-triggered). Reported per event.
 */
public class FanInBenchmark extends LoopState {
    /** Ready fds per run, also {@link SelectorFanInBenchmark}'s. */
    static final int FDS = 1000;

    @Override
    protected void prepare() {
        for (int i = 0; i < FDS; i++) {
            NativePipe p = pipe();
            NativePipe.writeByte(p.write);
            loop.watch(p.readFd(), Io.READ, IGNORE);
        }
    }

    /** @return the events delivered: {@value #FDS} */
    @Benchmark
    @OperationsPerInvocation(FDS)
    public int fanIn() {
        return loop.run(RunMode.NO_WAIT);
    }
}
