package dev.jzx;

/** How long {@link Loop#run(RunMode)} may wait. The seed's {@code jzx_xev_run(0|1)}. */
public enum RunMode {
    /** Deliver what is ready now and return; never blocks. */
    NO_WAIT,
    /** Block until at least one handler has been called or {@link Loop#wakeup()} was called. */
    ONCE
}
