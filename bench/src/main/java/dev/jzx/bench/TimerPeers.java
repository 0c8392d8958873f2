package dev.jzx.bench;

/** What the timer benchmarks of jzx and of its peers share. */
final class TimerPeers {
    /** Timers pending during every measurement. */
    static final int PENDING = 1_000_000;
    /** Timers due at once per {@code fire} invocation. */
    static final int BATCH = 1_000;

    private TimerPeers() {
    }

    /** @return a delay between 1 and 2 hours, spread by {@code i}, in nanoseconds */
    static long pendingDelayNanos(int i) {
        long hour = 3_600_000_000_000L;
        return hour + (i * 2_654_435_761L & 0xFFFFFFFFL) % hour;
    }
}
