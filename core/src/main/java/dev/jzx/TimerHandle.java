package dev.jzx;

import dev.jzx.internal.Fields;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One scheduled task and its place in a {@link TimerQueue}: the handle {@code schedule}
 * returns is also the heap entry and the node of the queue's hand-over stack, so scheduling,
 * firing and cancelling allocate nothing else.
 *
 * <p>{@link #state} decides every race between the loop starting the task and a
 * {@link #cancel()} from another thread: whoever moves it out of {@link #HANDED_OVER} or
 * {@link #IN_HEAP} first wins.
 */
final class TimerHandle implements Timer {
    /** New, or pushed on the queue's hand-over stack by a thread that did not own the loop; not in the heap yet. */
    static final int HANDED_OVER = 0;
    /** In the heap, waiting for its deadline. */
    static final int IN_HEAP = 1;
    /** Started (or ran): too late to cancel. */
    static final int STARTED = 2;
    /** Cancelled by {@link #cancel()}. */
    static final int CANCELLED = 3;
    /** Dropped unrun by the loop's close. */
    static final int DROPPED = 4;

    private static final VarHandle STATE = Fields.handle(MethodHandles.lookup(), "state", int.class);

    final LoopRuntime loop;
    /** {@link System#nanoTime()} at which the task becomes due. */
    final long deadline;
    /** Tie-breaker for equal deadlines: schedule order. */
    final long seq;
    Runnable task;
    /** Position in the heap, -1 when not in it; only the loop's owner touches it. */
    int index = -1;
    /** Next handle on the hand-over stack (written by the pusher before its CAS, read by the owner after taking the stack). */
    TimerHandle next;
    @SuppressWarnings("unused") // through STATE
    private volatile int state;

    TimerHandle(LoopRuntime loop, long deadline, long seq, Runnable task) {
        this.loop = loop;
        this.deadline = deadline;
        this.seq = seq;
        this.task = task;
        this.state = HANDED_OVER;
    }

    int state() {
        return state;
    }

    boolean transition(int from, int to) {
        return STATE.compareAndSet(this, from, to);
    }

    void setState(int to) {
        state = to;
    }

    @Override
    public boolean cancel() {
        while (true) {
            int s = state;
            if (s == HANDED_OVER) {
                if (transition(HANDED_OVER, CANCELLED)) {
                    task = null; // the owner drops it when it takes the stack; nothing to remove
                    return true;
                }
            } else if (s == IN_HEAP) {
                if (transition(IN_HEAP, CANCELLED)) {
                    loop.removeTimer(this);
                    return true;
                }
            } else {
                return false;
            }
        }
    }

    @Override
    public String toString() {
        String[] names = {"handed over", "pending", "started", "cancelled", "dropped"};
        return "Timer[" + names[state] + "]";
    }
}
