package dev.jzx.internal;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Where threads wait for a loop's state to change: a lock and one condition, taken only by
 * threads that have to wait and by a signaller that knows someone waits. A thread that never
 * waits pays one volatile read per {@link #signal()}.
 *
 * <p>Why no wake-up is lost: a waiter counts itself in ({@link #waiters}, volatile) before it
 * reads the state it waits on; a signaller writes that state (volatile) before it reads the
 * count. Either the waiter sees the new state and does not wait, or the signaller sees the
 * waiter and signals under the lock, which the waiter only releases by waiting.
 */
public final class Handoff {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile int waiters;

    /** A hand-off nobody waits in yet. */
    public Handoff() {
    }

    /**
     * Waits, without spinning and regardless of interrupts, until {@code done} holds. The
     * interrupt status is kept for the caller.
     *
     * @param done reads only volatile state whose writers call {@link #signal()} afterwards
     */
    public void await(BooleanSupplier done) {
        if (done.getAsBoolean()) {
            return;
        }
        lock.lock();
        try {
            waiters++;
            try {
                while (!done.getAsBoolean()) {
                    changed.awaitUninterruptibly();
                }
            } finally {
                waiters--;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter to look again; call after writing the state they wait on. */
    public void signal() {
        if (waiters == 0) {
            return;
        }
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
