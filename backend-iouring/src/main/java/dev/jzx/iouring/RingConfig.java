package dev.jzx.iouring;

/**
 * The ring sizes and switches this backend reads from system properties, once.
 *
 * <ul>
 *   <li>{@value #DISABLE_PROPERTY}{@code =true}: the provider reports itself unavailable
 *       ("disabled by -Djzx.iouring.disable=true"), e.g. to test the fallback to epoll.</li>
 *   <li>{@value #SQ_PROPERTY} (default {@value #DEFAULT_SQ_ENTRIES}): submission queue entries.
 *       It bounds only the arms written between two flushes; more are flushed in batches, so
 *       any number of polls may be in flight.</li>
 *   <li>{@value #CQ_PROPERTY} (default {@value #DEFAULT_CQ_ENTRIES}, a power of two): completion
 *       queue entries, sized so that thousands of fds ready at once fit; beyond it the kernel
 *       keeps the excess on its overflow list (no loss, {@code IORING_FEAT_NODROP}) and Netty
 *       flushes it, at the cost of extra system calls and a warning.</li>
 * </ul>
 */
final class RingConfig {
    static final String DISABLE_PROPERTY = "jzx.iouring.disable";
    static final String SQ_PROPERTY = "jzx.iouring.sqEntries";
    static final String CQ_PROPERTY = "jzx.iouring.cqEntries";
    static final int DEFAULT_SQ_ENTRIES = 256;
    static final int DEFAULT_CQ_ENTRIES = 16384;

    final int sqEntries;
    final int cqEntries;

    RingConfig(int sqEntries, int cqEntries) {
        if (Integer.bitCount(sqEntries) != 1 || Integer.bitCount(cqEntries) != 1 || cqEntries < sqEntries) {
            throw new IllegalArgumentException("io_uring ring sizes must be powers of two with the completion queue"
                    + " at least as large as the submission queue, were sq=" + sqEntries + ", cq=" + cqEntries);
        }
        this.sqEntries = sqEntries;
        this.cqEntries = cqEntries;
    }

    static RingConfig fromSystemProperties() {
        return new RingConfig(Integer.getInteger(SQ_PROPERTY, DEFAULT_SQ_ENTRIES),
                Integer.getInteger(CQ_PROPERTY, DEFAULT_CQ_ENTRIES));
    }

    static boolean disabled() {
        return Boolean.getBoolean(DISABLE_PROPERTY);
    }
}
