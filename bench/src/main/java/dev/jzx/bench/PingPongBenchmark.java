package dev.jzx.bench;

import dev.jzx.Io;
import dev.jzx.RunMode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * One byte bounced between two watched pipes, the work of {@code shared/baseline}'s C floor:
 * per event one wait, one read, one write. An operation is one {@code run(ONCE)}, which
 * delivers exactly one event. {@code idleFds} adds watched fds that never become ready: the
 * cost per event must not grow with them.
 */
public class PingPongBenchmark extends LoopState {
    /** Watched fds that never become ready, beside the two that bounce. */
    @Param({"0"})
    public int idleFds;

    @Override
    protected void prepare() {
        NativePipe a = pipe();
        NativePipe b = pipe();
        loop.watch(a.readFd(), Io.READ, new Bounce(a.read, b.write));
        loop.watch(b.readFd(), Io.READ, new Bounce(b.read, a.write));
        watchIdle(idleFds);
        NativePipe.writeByte(a.write);
    }

    /** @return the events delivered: one */
    @Benchmark
    public int pingPong() {
        return loop.run(RunMode.ONCE);
    }
}
