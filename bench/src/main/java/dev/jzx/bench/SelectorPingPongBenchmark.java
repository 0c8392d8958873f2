package dev.jzx.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/** {@link PingPongBenchmark}'s work with what a Java user has today: a JDK {@link Selector} on {@link Pipe} channels. */
public class SelectorPingPongBenchmark extends SelectorState {
    /** Registered channels that never report, beside the two that bounce. */
    @Param({"0"})
    public int idleFds;

    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1);

    @Override
    protected void prepare() throws IOException {
        Pipe a = pipe();
        Pipe b = pipe();
        a.source().register(selector, SelectionKey.OP_READ, b.sink());
        b.source().register(selector, SelectionKey.OP_READ, a.sink());
        registerIdle(idleFds);
        buffer.clear();
        a.sink().write(buffer);
    }

    /**
     * One {@code select()}, and the byte it reports moved into the other pipe.
     *
     * @return the keys selected: one
     * @throws IOException if the selector or a pipe fails
     */
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
}
