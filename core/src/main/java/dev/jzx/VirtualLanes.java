package dev.jzx;

import dev.jzx.spi.KernelAdapter;
import java.util.function.Supplier;

/**
 * A {@link Poller}'s sub-pollers, which serve waits made from virtual threads on JDK 22+: each
 * is a virtual thread that runs its own loop on the carriers, and parks, when it finds nothing
 * to do, on one platform thread blocked in the kernel on all their descriptors. The
 * implementation is compiled for JDK 22 ({@code src/main/java22}); on an older JDK, where the
 * backend has no descriptor (Netty's adapters: see {@link dev.jzx.spi.Backend#descriptor()}), or
 * with {@value Poller#SUB_POLLERS_PROPERTY}{@code =0}, virtual threads wait through the poller
 * threads like any other.
 */
interface VirtualLanes {

    /**
     * @param t a thread about to wait
     * @return whether its wait belongs to a sub-poller (it is virtual, and they can run)
     */
    boolean serves(Thread t);

    /**
     * Starts the sub-pollers on first use.
     *
     * @param fd the descriptor waited on
     * @return the sub-poller that serves {@code fd}, or null when they could not start or are
     *         closed (the poller threads then serve the wait)
     */
    PollerLane laneOf(int fd);

    /** Ends the sub-pollers, failing their waits; returns when they have ended. */
    void close();

    /**
     * Sets a new, unstarted group up; called once, before anything else.
     *
     * @param open  opens one loop, as the poller threads' are opened
     * @param count how many sub-pollers
     * @param name  the prefix of their threads' names
     */
    void configure(Supplier<Loop> open, int count, String name);

    /**
     * @param open how the poller opens its loops
     * @param name the prefix of the sub-pollers' names
     * @return the sub-pollers this JVM can run, or null where none can
     * @throws IllegalArgumentException if {@value Poller#SUB_POLLERS_PROPERTY} is not a number {@code >= 0}
     */
    static VirtualLanes configured(Supplier<Loop> open, String name) {
        int count = count();
        if (count == 0 || !KernelAdapter.ffmSupported()) {
            return null;
        }
        VirtualLanes lanes = KernelAdapter.loadFfm(VirtualLanes.class, "dev.jzx.SubPollerGroup");
        lanes.configure(open, count, name);
        return lanes;
    }

    /**
     * As many as the JDK gives its own read sub-pollers: {@code min(highestOneBit(cpus), 32)}.
     */
    private static int count() {
        String v = System.getProperty(Poller.SUB_POLLERS_PROPERTY);
        if (v == null || v.isBlank()) {
            return Math.min(Integer.highestOneBit(Runtime.getRuntime().availableProcessors()), 32);
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is wanted
        }
        throw new IllegalArgumentException("-D" + Poller.SUB_POLLERS_PROPERTY + " must be a number >= 0, was '" + v + "'");
    }
}
