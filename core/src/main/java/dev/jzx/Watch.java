package dev.jzx;

/**
 * One fd number's slot in the {@link Registry}'s fd table. Created the first time the number is watched
 * and reused for every later watch of it, so watching allocates nothing in steady state.
 */
final class Watch {
    /** Not watched. */
    static final byte UNWATCHED = 0;
    /** Registered with the backend. */
    static final byte ARMED = 1;
    /** The kernel cannot poll this file; core reports it ready on every run (poll(2) semantics). */
    static final byte ALWAYS_READY = 2;
    /** Arming it failed in core (a queued watch the backend threw on); an ERROR report is pending, after which it is unwatched. */
    static final byte REFUSED = 3;

    final int fd;
    ReadyHandler handler;
    int interest;
    /** Identifies the current registration; readiness carrying another token is stale. Never 0 while watched. */
    int token;
    byte mode = UNWATCHED;
    /** Registered with {@link dev.jzx.spi.Backend#registerOneShot}. */
    boolean oneShot;
    /** Position in {@link AlwaysReadySet}, or -1. */
    int alwaysReadyIndex = -1;

    Watch(int fd) {
        this.fd = fd;
    }

    boolean isWatched() {
        return mode != UNWATCHED;
    }
}
