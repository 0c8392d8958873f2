package dev.jzx.iouring;

import dev.jzx.spi.Availability;

/**
 * One way of reaching io_uring: probes the machine once and opens {@link Ring}s.
 * {@link IoUringBackendProvider} picks one per JVM ({@link dev.jzx.spi.KernelAdapter}).
 */
public interface RingAdapter {

    /** {@return the adapter's name, as {@link dev.jzx.spi.KernelAdapter#label()} gives it} */
    String name();

    /**
     * Checks that rings can be set up and used the way the backend uses them (POLL_ADD,
     * POLL_REMOVE, multishot polls, Linux 5.13+). Each call sets up a ring: the provider calls it
     * once per JVM and keeps the answer.
     *
     * @return whether {@link #open} can be expected to work, and if not why
     */
    Availability probe();

    /** {@return whether a pending poll's events can be changed in place, as the last probe found} */
    boolean pollUpdate();

    /**
     * Sets up one ring.
     *
     * @param sqEntries submission queue entries: how many requests are queued between two
     *                  submissions (more are submitted in batches); a power of two
     * @param cqEntries completion queue entries, a power of two, at least {@code sqEntries}
     * @return the ring
     * @throws java.io.UncheckedIOException or another runtime exception naming the cause when the
     *                                      kernel refuses
     */
    Ring open(int sqEntries, int cqEntries);
}
