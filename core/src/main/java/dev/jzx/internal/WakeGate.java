package dev.jzx.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Coalesces wake-ups: the first request after the loop last looked makes one kernel wake-up
 * (one system call); every further request until the loop looks again costs a volatile read.
 *
 * <p>Two reasons share the one kernel signal: a user's {@code wakeup()}, which makes
 * {@code run} return, and a command queued by another thread, which only makes the loop apply
 * it and go on waiting.
 */
public final class WakeGate {
    /** A user's {@code wakeup()}: the run returns. */
    public static final int USER = 1;
    /** A command queued by another thread: the loop applies it and goes on. */
    public static final int COMMANDS = 2;

    private static final VarHandle PENDING;

    static {
        try {
            PENDING = MethodHandles.lookup().findVarHandle(WakeGate.class, "pending", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Runnable signal;
    @SuppressWarnings("unused") // through PENDING
    private volatile int pending;

    /** @param signal the one system call that wakes the loop (the backend's wake-up) */
    public WakeGate(Runnable signal) {
        this.signal = signal;
    }

    /**
     * Requests a wake-up for {@code reason}; signals the backend only if none was pending.
     *
     * @param reason {@link #USER} or {@link #COMMANDS}
     */
    public void request(int reason) {
        int seen = pending;
        if ((seen & reason) != 0) {
            return;
        }
        int before = (int) PENDING.getAndBitwiseOr(this, reason);
        if (before == 0) {
            signal.run();
        }
    }

    /** @return the reasons requested since the last call ({@link #USER}, {@link #COMMANDS}), clearing them */
    public int consume() {
        return pending == 0 ? 0 : (int) PENDING.getAndSet(this, 0);
    }

    /** @return whether a user wake-up is pending, without consuming it */
    public boolean userPending() {
        return (pending & USER) != 0;
    }
}
