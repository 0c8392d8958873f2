package dev.jzx.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
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

/** {@link PingPongBenchmark}'s work with what a Java user has today: a JDK {@link Selector} on {@link Pipe} channels. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SelectorPingPongBenchmark {
    @Param({"0"})
    public int idleFds;

    private Selector selector;
    private Pipe a;
    private Pipe b;
    private final List<Pipe> idle = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1);

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        selector = Selector.open();
        a = Pipe.open();
        b = Pipe.open();
        for (Pipe p : new Pipe[] {a, b}) {
            p.source().configureBlocking(false);
            p.sink().configureBlocking(false);
        }
        a.source().register(selector, SelectionKey.OP_READ, b.sink());
        b.source().register(selector, SelectionKey.OP_READ, a.sink());
        for (int i = 0; i < idleFds / 2; i++) {
            Pipe p = Pipe.open();
            idle.add(p);
            p.source().configureBlocking(false);
            p.source().register(selector, SelectionKey.OP_READ);
            p.sink().configureBlocking(false);
            p.sink().register(selector, 0); // a watched fd that never reports
        }
        buffer.clear();
        a.sink().write(buffer);
    }

    @Benchmark
    public int pingPong() throws IOException {
        int n = selector.select();
        Iterator<SelectionKey> it = selector.selectedKeys().iterator();
        while (it.hasNext()) {
            SelectionKey k = it.next();
            it.remove();
            buffer.clear();
            if (((Pipe.SourceChannel) k.channel()).read(buffer) == 1) {
                buffer.flip();
                ((Pipe.SinkChannel) k.attachment()).write(buffer);
            }
        }
        return n;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        selector.close();
        for (Pipe p : new Pipe[] {a, b}) {
            p.source().close();
            p.sink().close();
        }
        for (Pipe p : idle) {
            p.source().close();
            p.sink().close();
        }
        idle.clear();
    }
}
