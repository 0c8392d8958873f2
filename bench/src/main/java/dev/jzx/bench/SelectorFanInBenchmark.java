package dev.jzx.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

/** {@link FanInBenchmark}'s work with a JDK {@link Selector}: 1,000 ready pipe channels per select. */
public class SelectorFanInBenchmark extends SelectorState {

    @Override
    protected void prepare() throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        for (int i = 0; i < FanInBenchmark.FDS; i++) {
            Pipe p = pipe();
            p.source().register(selector, SelectionKey.OP_READ);
            one.clear();
            p.sink().write(one);
        }
    }

    /**
     * One {@code selectNow()} and a walk over the keys it selected.
     *
     * @return the keys selected, twice: counted by the selector and by the walk
     * @throws IOException if the selector fails
     */
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
}
