package dev.jzx.bench;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * {@link ChurnBenchmark}'s work with a JDK {@link Selector}: register, cancel, and the
 * {@code selectNow()} without which the cancelled key blocks the next register.
 */
public class SelectorChurnBenchmark extends SelectorState {
    private Pipe pipe;

    @Override
    protected void prepare() throws IOException {
        pipe = pipe();
    }

    /**
     * One register and its cancel of the pipe's source.
     *
     * @return what {@code selectNow()} selected: nothing
     * @throws IOException if the selector fails
     */
    @Benchmark
    public int registerCancel() throws IOException {
        SelectionKey k = pipe.source().register(selector, SelectionKey.OP_READ);
        k.cancel();
        return selector.selectNow();
    }
}
