package dev.jzx.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Coalesces wake-ups, and makes a kernel wake-up (one system call) only when the loop is
 * blocked in the kernel, or about to be: a request while the loop is busy costs an atomic
 * operation, and the loop sees it before it next blocks. Every further request until the loop
 * looks again costs a volatile read.
 *
 * <p>One word holds the reasons requested and whether the loop is blocking, so that the loop's
 * "I block now" and a requester's "I want a wake-up" cannot miss each other: whichever comes
 * second sees the first.
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
    /** The loop is in a wait that may block, or about to enter one. */
    private static final int BLOCKING = 4;
    private static final int REASONS = USER | COMMANDS;

    private static final VarHandle PENDING = Fields.handle(MethodHandles.lookup(), "pending", int.class);

    private final Runnable signal;
    @SuppressWarnings("unused") // through PENDING
    private volatile int pending;

    /**
     * A gate with no wake-up pending.
     *
     * @param signal the one system call that wakes the loop (the backend's wake-up)
     */
    public WakeGate(Runnable signal) {
        this.signal = signal;
    }

    /**
     * Requests a wake-up for {@code reason}; signals the backend only if the loop is blocking
     * and nothing had signalled it yet.
     *
     * @param reason {@link #USER} or {@link #COMMANDS}
     */
    public void request(int reason) {
        int seen = pending;
        if ((seen & reason) != 0) {
            return;
        }
        int before = (int) PENDING.getAndBitwiseOr(this, reason);
        if (before == BLOCKING) {
            signal.run();
        }
    }

    /**
     * Called by the loop before a wait that may block.
     *
     * @return false if a reason is pending already: the loop must look without blocking
     */
    public boolean beginBlocking() {
        int before = (int) PENDING.getAndBitwiseOr(this, BLOCKING);
        return (before & REASONS) == 0;
    }

    /**
     * Called by the loop after each wait.
     *
     * @return the reasons requested since the last call ({@link #USER}, {@link #COMMANDS}),
     *         clearing them and the blocking state
     */
    public int consume() {
        return pending == 0 ? 0 : (int) PENDING.getAndSet(this, 0) & REASONS;
    }

    /** {@return whether a user wake-up is pending, without consuming it} */
    public boolean userPending() {
        return (pending & USER) != 0;
    }
}
