package dev.jzx.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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

/** {@link FanInBenchmark}'s work with a JDK {@link Selector}: 1,000 ready pipe channels per select. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SelectorFanInBenchmark {
    private Selector selector;
    private final List<Pipe> pipes = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        selector = Selector.open();
        ByteBuffer one = ByteBuffer.allocate(1);
        for (int i = 0; i < FanInBenchmark.FDS; i++) {
            Pipe p = Pipe.open();
            pipes.add(p);
            p.source().configureBlocking(false);
            p.source().register(selector, SelectionKey.OP_READ);
            one.clear();
            p.sink().write(one);
        }
    }

    @Benchmark
    @OperationsPerInvocation(FanInBenchmark.FDS)
    public int fanIn() throws IOException {
        int n = selector.selectNow();
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        int seen = 0;
        while (it.hasNext()) {
            it.next();
            it.remove();
            seen++;
        }
        return n + seen;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        selector.close();
        for (Pipe p : pipes) {
            p.source().close();
            p.sink().close();
        }
        pipes.clear();
    }
}
