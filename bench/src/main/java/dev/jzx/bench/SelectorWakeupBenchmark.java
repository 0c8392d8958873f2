package dev.jzx.bench;

import java.io.IOException;
import java.nio.channels.Selector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** {@link WakeupBenchmark} with JDK {@link Selector}s. */
public class SelectorWakeupBenchmark extends JmhDefaults {

    /** A selector with a wake-up pending for the whole trial. */
    public static class Pending extends SelectorState {
        @Override
        protected void prepare() {
            selector.wakeup(); // from now on every wakeup() finds one pending
        }
    }

    /** Two selectors, one per thread of the group. */
    @State(Scope.Group)
    public static class Pair {
        Selector ping;
        Selector pong;

        /**
         * Opens both selectors.
         *
         * @throws IOException if one cannot be opened
         */
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            ping = Selector.open();
            pong = Selector.open();
        }

        /**
         * Closes both selectors.
         *
         * @throws IOException if one cannot be closed
         */
        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            ping.close();
            pong.close();
        }
    }

    /**
     * One {@code wakeup()} that finds one pending.
     *
     * @param s the selector
     * @return the selector, as {@code wakeup()} returns it
     */
    @Benchmark
    public Selector pending(Pending s) {
        return s.selector.wakeup();
    }

    /**
     * Wakes the pong thread, then waits to be woken.
     *
     * @param p the two selectors
     * @return the keys selected: none
     * @throws IOException if a selector fails
     */
    @Benchmark
    @Group("roundTrip")
    @GroupThreads(1)
    public int ping(Pair p) throws IOException {
        p.pong.wakeup();
        return p.ping.select(10);
    }

    /**
     * Waits to be woken, then wakes the ping thread.
     *
     * @param p the two selectors
     * @return the keys selected: none
     * @throws IOException if a selector fails
     */
    @Benchmark
    @Group("roundTrip")
    @GroupThreads(1)
    public int pong(Pair p) throws IOException {
        int n = p.pong.select(10);
        p.ping.wakeup();
        return n;
    }
}
