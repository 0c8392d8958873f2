package dev.jzx.bench;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
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
 * {@link ChurnBenchmark}'s work with a JDK {@link Selector}: register, cancel, and the
 * {@code selectNow()} without which the cancelled key blocks the next register.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SelectorChurnBenchmark {
    private Selector selector;
    private Pipe pipe;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        selector = Selector.open();
        pipe = Pipe.open();
        pipe.source().configureBlocking(false);
    }

    @Benchmark
    public int registerCancel() throws IOException {
        SelectionKey k = pipe.source().register(selector, SelectionKey.OP_READ);
        k.cancel();
        return selector.selectNow();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        selector.close();
        pipe.source().close();
        pipe.sink().close();
    }
}
