package dev.jzx.epoll;

/** {@code epoll_wait}'s timeout argument, which counts whole milliseconds. */
final class EpollTimeout {
    private static final long NANOS_PER_MILLI = 1_000_000;

    private EpollTimeout() {
    }

    /**
     * A positive wait is rounded up, never down: a wait of 0.5 ms that became 0 would return at
     * once, and a caller waiting for a deadline would spin until it passed.
     *
     * @param timeoutNanos 0: do not block; negative: no limit; otherwise at most that long
     * @return 0, -1 (no limit), or the milliseconds covering {@code timeoutNanos}, at most
     *         {@link Integer#MAX_VALUE} (24 days; a caller waiting longer just waits again)
     */
    static int millis(long timeoutNanos) {
        if (timeoutNanos <= 0) {
            return timeoutNanos == 0 ? 0 : -1;
        }
        long millis = timeoutNanos / NANOS_PER_MILLI + (timeoutNanos % NANOS_PER_MILLI == 0 ? 0 : 1);
        return (int) Math.min(millis, Integer.MAX_VALUE);
    }
}
