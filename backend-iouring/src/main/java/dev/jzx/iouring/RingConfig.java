package dev.jzx.iouring;

/**
 * The ring sizes and switches this backend reads from system properties, once.
 *
 * <ul>
 *   <li>{@value #DISABLE_PROPERTY}{@code =true}: the provider reports itself unavailable
 *       ("disabled by -Djzx.iouring.disable=true"), e.g. to test the fallback to epoll.</li>
 *   <li>{@value #SQ_PROPERTY}: submission queue entries of a new ring. It bounds only the
 *       requests written between two submissions; more are submitted in batches.</li>
 *   <li>{@value #CQ_PROPERTY}: completion queue entries of a new ring (a power of two).</li>
 *   <li>{@value #MAX_CQ_PROPERTY}: the largest completion queue a ring grows to.</li>
 * </ul>
 *
 * <h2>Sized to need</h2>
 * A new ring is small, because setting up a ring costs in proportion to its size (a 64/256-entry
 * ring is about the price of one {@code epoll_create1} plus a few system calls; a 256/16,384 one
 * three times that). When more requests may complete at once than the completion queue holds,
 * the backend moves to a ring four times larger (see {@link IoUringBackend}), up to
 * {@value #MAX_CQ_PROPERTY}. Beyond that the kernel keeps the excess on its overflow list and the
 * ring flushes it: nothing is lost ({@code IORING_FEAT_NODROP}), it only costs system calls.
 * Through Netty the rings keep Netty's sizes (256 / 16,384) and never grow.
 */
final class RingConfig {
    static final String DISABLE_PROPERTY = "jzx.iouring.disable";
    static final String SQ_PROPERTY = "jzx.iouring.sqEntries";
    static final String CQ_PROPERTY = "jzx.iouring.cqEntries";
    static final String MAX_CQ_PROPERTY = "jzx.iouring.maxCqEntries";
    static final int DEFAULT_SQ_ENTRIES = 64;
    static final int DEFAULT_CQ_ENTRIES = 256;
    static final int DEFAULT_MAX_CQ_ENTRIES = 16384;
    static final int NETTY_SQ_ENTRIES = 256;
    static final int NETTY_CQ_ENTRIES = 16384;
    /** The kernel's largest queues ({@code IORING_MAX_ENTRIES}, {@code IORING_MAX_CQ_ENTRIES}). */
    static final int KERNEL_MAX_SQ = 32768;
    static final int KERNEL_MAX_CQ = 65536;
    /** An eighth of the kernel's largest submission queue is plenty for one batch. */
    private static final int MAX_SQ_ENTRIES = 4096;

    final int sqEntries;
    final int cqEntries;
    final int maxCqEntries;

    RingConfig(int sqEntries, int cqEntries, int maxCqEntries) {
        if (Integer.bitCount(sqEntries) != 1 || Integer.bitCount(cqEntries) != 1 || cqEntries < sqEntries
                || maxCqEntries < cqEntries || sqEntries > KERNEL_MAX_SQ || maxCqEntries > KERNEL_MAX_CQ) {
            throw new IllegalArgumentException("io_uring ring sizes must be powers of two with the completion queue"
                    + " at least as large as the submission queue and at most the largest, the submission queue at"
                    + " most " + KERNEL_MAX_SQ + " and the completion queue at most " + KERNEL_MAX_CQ
                    + " entries (the kernel's limits), were sq=" + sqEntries + ", cq=" + cqEntries + ", max cq="
                    + maxCqEntries);
        }
        this.sqEntries = sqEntries;
        this.cqEntries = cqEntries;
        this.maxCqEntries = maxCqEntries;
    }

    /** @param adapter the adapter's name: Netty's rings keep Netty's sizes */
    static RingConfig fromSystemProperties(String adapter) {
        boolean netty = "netty".equals(adapter);
        int cq = Integer.getInteger(CQ_PROPERTY, netty ? NETTY_CQ_ENTRIES : DEFAULT_CQ_ENTRIES);
        return new RingConfig(Integer.getInteger(SQ_PROPERTY, netty ? NETTY_SQ_ENTRIES : DEFAULT_SQ_ENTRIES), cq,
                netty ? cq : Math.max(cq, Integer.getInteger(MAX_CQ_PROPERTY, DEFAULT_MAX_CQ_ENTRIES)));
    }

    /**
     * @param requests requests that may complete at once
     * @return the sizes of the ring to move to, or null when this ring is as large as allowed or
     *         large enough
     */
    RingConfig grownFor(int requests) {
        if (requests <= cqEntries || cqEntries >= maxCqEntries) {
            return null;
        }
        int cq = cqEntries;
        while (cq < requests && cq < maxCqEntries) {
            cq <<= 2;
        }
        cq = Math.min(cq, maxCqEntries);
        // The submission queue grows with it: a poll re-arms up to as many polls as completed, and
        // one that holds them all submits them in the one io_uring_enter that also waits.
        return new RingConfig(Math.max(sqEntries, Math.min(MAX_SQ_ENTRIES, cq)), cq, maxCqEntries);
    }

    static boolean disabled() {
        return Boolean.getBoolean(DISABLE_PROPERTY);
    }

    @Override
    public String toString() {
        return "sq=" + sqEntries + ", cq=" + cqEntries + " (up to " + maxCqEntries + ")";
    }
}
