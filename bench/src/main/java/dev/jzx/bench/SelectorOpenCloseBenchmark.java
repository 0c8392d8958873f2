package dev.jzx.bench;

import java.io.IOException;
import java.nio.channels.Selector;
import org.openjdk.jmh.annotations.Benchmark;

/** {@link OpenCloseBenchmark} with a JDK {@link Selector} (epoll and a wake-up pipe on Linux). */
public class SelectorOpenCloseBenchmark extends JmhDefaults {

    /**
     * @return the closed selector, so that its opening cannot be optimised away
     * @throws IOException if it cannot be opened or closed
     */
    @Benchmark
    public Selector openClose() throws IOException {
        Selector selector = Selector.open();
        selector.close();
        return selector;
    }
}
