package dev.jzx;

import java.util.concurrent.atomic.AtomicReference;

/**
 * What other threads hand a poller thread: new waits and withdrawn ones, each on a lock-free
 * stack (a compare-and-set per push, no lock, nothing allocated: the links are the waits' own).
 * The poller thread takes a whole stack at once. Closing swaps in a tombstone, so that a push
 * after the poller thread's last look fails instead of being lost.
 */
final class PollerInbox {
    private static final PollerWait CLOSED = PollerWait.tombstone();

    private final AtomicReference<PollerWait> arrivals = new AtomicReference<>();
    private final AtomicReference<PollerWait> withdrawals = new AtomicReference<>();

    /** What a push found. */
    enum Push { FIRST, QUEUED, CLOSED }

    Push arrive(PollerWait w) {
        return push(arrivals, w, true);
    }

    Push withdraw(PollerWait w) {
        return push(withdrawals, w, false);
    }

    private static Push push(AtomicReference<PollerWait> stack, PollerWait w, boolean arrival) {
        while (true) {
            PollerWait head = stack.get();
            if (head == CLOSED) {
                return Push.CLOSED;
            }
            if (arrival) {
                w.nextArrival = head;
            } else {
                w.nextWithdrawal = head;
            }
            if (stack.compareAndSet(head, w)) {
                return head == null ? Push.FIRST : Push.QUEUED;
            }
        }
    }

    /** {@return whether a wait or a withdrawal is waiting to be taken} */
    boolean hasWork() {
        PollerWait a = arrivals.get();
        PollerWait w = withdrawals.get();
        return (a != null && a != CLOSED) || (w != null && w != CLOSED);
    }

    /** @return the waits that arrived, oldest first, linked by {@code nextArrival}; null if none */
    PollerWait takeArrivals() {
        PollerWait head = arrivals.get();
        if (head == null || head == CLOSED) {
            return null;
        }
        return oldestFirst(arrivals.getAndSet(null));
    }

    /** @return the waits withdrawn, linked by {@code nextWithdrawal}, in no particular order; null if none */
    PollerWait takeWithdrawals() {
        PollerWait head = withdrawals.get();
        if (head == null || head == CLOSED) {
            return null;
        }
        return withdrawals.getAndSet(null);
    }

    /**
     * Refuses every later push.
     *
     * @return the waits that arrived and were not taken, linked by {@code nextArrival}
     */
    PollerWait close() {
        withdrawals.set(CLOSED);
        PollerWait left = arrivals.getAndSet(CLOSED);
        return left == CLOSED ? null : left;
    }

    private static PollerWait oldestFirst(PollerWait newest) {
        PollerWait reversed = null;
        while (newest != null) {
            PollerWait next = newest.nextArrival;
            newest.nextArrival = reversed;
            reversed = newest;
            newest = next;
        }
        return reversed;
    }
}
