package dev.jzx.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Changes made by other threads while a run owns the loop, applied by the loop thread in the
 * order they were made. Bounded: without a bound, threads calling faster than the loop applies
 * (on epoll each change is an {@code epoll_ctl}) would grow it without end.
 *
 * <p>A drain applies only what was queued when it began ({@link #mark()}): threads that keep
 * calling cannot keep the loop thread in a drain for as long as they call.
 *
 * @param <C> the command type
 */
public final class CommandQueue<C> {
    private final ConcurrentLinkedQueue<C> queue = new ConcurrentLinkedQueue<>();
    private final int capacity;
    private final Handoff handoff;
    /** Commands added, counted just before each add. */
    private final AtomicLong queued = new AtomicLong();
    /** Commands taken; written only by the loop's owner. */
    private volatile long taken;

    /**
     * An empty queue.
     *
     * @param capacity about how many commands may wait before {@link #offer} refuses (threads
     *                 racing past the check may add a few more)
     * @param handoff  signalled whenever commands are taken, for callers waiting for room
     */
    public CommandQueue(int capacity, Handoff handoff) {
        this.capacity = capacity;
        this.handoff = handoff;
    }

    /**
     * Adds a command unless the queue is full.
     *
     * @param command the change
     * @return false, adding nothing, when the queue is full (wake the loop and wait for {@link #hasRoom()})
     */
    public boolean offer(C command) {
        if (!hasRoom()) {
            return false;
        }
        queued.incrementAndGet(); // before the add: a queued command is always counted
        queue.add(command);
        return true;
    }

    /** {@return whether fewer than the capacity wait} */
    public boolean hasRoom() {
        return queued.get() - taken < capacity;
    }

    /** {@return whether any command waits} */
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** {@return the position a drain beginning now ends at} */
    public long mark() {
        return queued.get();
    }

    /**
     * Takes the oldest command, if it was queued before the drain began.
     *
     * @param mark what {@link #mark()} returned when the drain began
     * @return the next command queued before {@code mark}, or null
     */
    public C takeBefore(long mark) {
        if (taken >= mark) {
            return null;
        }
        C c = queue.poll();
        if (c != null) {
            taken++;
        }
        return c;
    }

    /** Ends a drain: callers waiting for room look again. */
    public void drained() {
        handoff.signal();
    }

    /** Drops every command (the loop is closing) and frees callers waiting for room. */
    public void clear() {
        long n = 0;
        while (queue.poll() != null) {
            n++;
        }
        taken += n;
        handoff.signal();
    }
}
