package dev.jzx.internal;

import dev.jzx.spi.Backend;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Coalesces wake-ups: the first request after the loop last looked makes one backend wake-up
 * (one system call); every further request until the loop looks again costs a volatile read.
 *
 * <p>Two reasons share the one kernel signal: a user's {@code wakeup()}, which makes
 * {@code run} return, and a command queued by another thread, which only makes the loop apply
 * it and go on waiting.
 */
final class WakeGate {
    static final int USER = 1;
    static final int COMMANDS = 2;

    private static final VarHandle PENDING;

    static {
        try {
            PENDING = MethodHandles.lookup().findVarHandle(WakeGate.class, "pending", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Backend backend;
    @SuppressWarnings("unused") // through PENDING
    private volatile int pending;

    WakeGate(Backend backend) {
        this.backend = backend;
    }

    /** Requests a wake-up for {@code reason}; signals the backend only if none was pending. */
    void request(int reason) {
        int seen = pending;
        if ((seen & reason) != 0) {
            return;
        }
        int before = (int) PENDING.getAndBitwiseOr(this, reason);
        if (before == 0) {
            backend.wakeup();
        }
    }

    /** @return the reasons requested since the last call ({@link #USER}, {@link #COMMANDS}), clearing them */
    int consume() {
        return pending == 0 ? 0 : (int) PENDING.getAndSet(this, 0);
    }

    /** @return whether a user wake-up is pending, without consuming it */
    boolean userPending() {
        return (pending & USER) != 0;
    }
}
