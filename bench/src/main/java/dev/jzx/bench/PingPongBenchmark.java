package dev.jzx.bench;

import dev.jzx.Io;
import dev.jzx.Loop;
import dev.jzx.RunMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One byte bounced between two watched pipes, the work of {@code shared/baseline}'s C floor:
 * per event one wait, one read, one write. An operation is one {@code run(ONCE)}, which
 * delivers exactly one event. {@code idleFds} adds watched fds that never become ready: the
 * cost per event must not grow with them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PingPongBenchmark {
    @Param({"io_uring", "epoll"})
    public String backend;

    @Param({"0"})
    public int idleFds;

    private Loop loop;
    private NativePipe a;
    private NativePipe b;
    private final List<NativePipe> idle = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
        loop = Loop.open(backend);
        a = NativePipe.open();
        b = NativePipe.open();
        loop.watch(a.readFd(), Io.READ, new Bounce(a.read, b.write));
        loop.watch(b.readFd(), Io.READ, new Bounce(b.read, a.write));
        for (int i = 0; i < idleFds / 2; i++) {
            NativePipe p = NativePipe.open();
            idle.add(p);
            loop.watch(p.readFd(), Io.READ, (fd, r) -> true); // empty: never ready
            loop.watch(p.writeFd(), Io.READ, (fd, r) -> true); // a write end is never readable
        }
        NativePipe.writeByte(a.write);
    }

    @Benchmark
    public int pingPong() {
        return loop.run(RunMode.ONCE);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        loop.close();
        a.close();
        b.close();
        idle.forEach(NativePipe::close);
        idle.clear();
    }
}
