package dev.jzx.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Who may touch a loop's registry now, as one atomic state: nobody ({@link #FREE}), the thread
 * inside {@code run} ({@link #RUNNING}), a thread applying one change directly
 * ({@link #CHANGING}), or nobody ever again ({@link #CLOSED}). Closing is tracked beside it: a
 * close may be asked for while a run owns the loop, which then finishes the close itself.
 *
 * <p>Taking a free loop is one CAS. A thread that finds the loop owned by a change, or a close
 * waiting for a run, waits in the {@link Handoff} until the state moves; nothing spins or
 * polls.
 *
 * <pre>
 *  FREE --acquireRun--> RUNNING --release--> FREE
 *  FREE --acquireChange--> CHANGING --release--> FREE
 *  FREE --acquireChange (closing)--> CHANGING --markClosed--> CLOSED
 *  RUNNING --markClosed (run ends while closing)--> CLOSED
 * </pre>
 */
public final class Ownership {
    /** No thread owns the loop. */
    public static final int FREE = 0;
    /** The thread inside {@code run} owns it. */
    public static final int RUNNING = 1;
    /** A thread outside any run owns it for one change (or for closing it). */
    public static final int CHANGING = 2;
    /** Closed for good. */
    public static final int CLOSED = 3;

    private static final VarHandle STATE = Fields.handle(MethodHandles.lookup(), "state", int.class);
    private static final VarHandle CLOSING = Fields.handle(MethodHandles.lookup(), "closing", boolean.class);

    private final Handoff handoff;
    @SuppressWarnings("unused") // through STATE
    private volatile int state = FREE;
    @SuppressWarnings("unused") // through CLOSING
    private volatile boolean closing;
    /** The thread inside {@code run}, or null. Written only by that thread. */
    private volatile Thread runner;

    /**
     * A free loop.
     *
     * @param handoff where threads wait for this state to change (shared with the command queue)
     */
    public Ownership(Handoff handoff) {
        this.handoff = handoff;
    }

    /** {@return the state now} */
    public int state() {
        return state;
    }

    /** {@return whether close has been asked for (the loop may still be finishing a run)} */
    public boolean isClosing() {
        return closing;
    }

    /**
     * Whether {@code t} runs the loop now: a call from a handler or timer task applies at once.
     *
     * @param t a thread
     * @return whether {@code t} is the thread inside {@code run}
     */
    public boolean isRunner(Thread t) {
        return runner == t;
    }

    /**
     * Takes the loop for one change made outside a run, waiting while another thread makes one.
     *
     * @return {@link #CHANGING}: the caller owns the loop and must {@link #release()} it;
     *         {@link #RUNNING}: a run on another thread owns it (queue the change);
     *         {@link #CLOSED}: closed or closing
     */
    public int acquireChange() {
        while (true) {
            int s = state;
            if (closing) {
                return CLOSED;
            }
            if (s == FREE) {
                if (STATE.compareAndSet(this, FREE, CHANGING)) {
                    return CHANGING;
                }
            } else if (s == RUNNING || s == CLOSED) {
                return s;
            } else {
                handoff.await(() -> state != CHANGING);
            }
        }
    }

    /**
     * Takes the loop for a run by the calling thread, waiting while another thread makes a change.
     *
     * @return {@link #RUNNING} when taken; {@link #CLOSED} when closed or closing; {@link #RUNNING}
     *         is never returned for another thread's run: see the exception
     * @throws IllegalStateException when a run is in progress (re-entrant or on another thread)
     */
    public int acquireRun() {
        while (true) {
            int s = state;
            if (s == CLOSED || closing) {
                return CLOSED;
            }
            if (s == FREE) {
                if (STATE.compareAndSet(this, FREE, RUNNING)) {
                    runner = Thread.currentThread();
                    return RUNNING;
                }
            } else if (s == RUNNING) {
                Thread r = runner;
                throw new IllegalStateException(r == Thread.currentThread()
                        ? "run called from a handler: run is not re-entrant"
                        : "run is already in progress on thread \"" + (r == null ? "?" : r.getName())
                        + "\"; a loop is run by one thread at a time");
            } else {
                handoff.await(() -> state != CHANGING);
            }
        }
    }

    /** Gives the loop back after a change or a run that did not end in a close. */
    public void release() {
        runner = null;
        state = FREE;
        handoff.signal();
    }

    /** Ends a run: {@code runner} is cleared before the state is given back or closed. */
    public void leaveRun() {
        runner = null;
    }

    /** {@return true for the one call that asked first; every later call gets false} */
    public boolean beginClose() {
        return CLOSING.compareAndSet(this, false, true);
    }

    /**
     * For the closing thread: takes the loop once no run or change holds it, waking a blocked
     * run through {@code wakeRun} so it returns (and closes the loop itself).
     *
     * @param wakeRun makes a blocked run return
     * @return true when the caller now owns the loop and must close it, then {@link #markClosed()};
     *         false when a run finished the close meanwhile
     */
    public boolean acquireForClose(Runnable wakeRun) {
        while (true) {
            int s = state;
            if (s == CLOSED) {
                return false;
            }
            if (s == FREE) {
                if (STATE.compareAndSet(this, FREE, CHANGING)) {
                    return true;
                }
            } else {
                if (s == RUNNING) {
                    wakeRun.run(); // once per state seen: the backend keeps a wake-up for a poll about to start
                }
                handoff.await(() -> state != s);
            }
        }
    }

    /** The loop is closed for good; wakes everyone waiting for it. */
    public void markClosed() {
        runner = null;
        state = CLOSED;
        handoff.signal();
    }

    /** Waits until the loop is closed (for a second {@code close} while the first is under way). */
    public void awaitClosed() {
        handoff.await(() -> state == CLOSED);
    }
}
