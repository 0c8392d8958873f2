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
        while (true) {
            PollerWait head = arrivals.get();
            if (head == CLOSED) {
                return Push.CLOSED;
            }
            w.nextArrival = head;
            if (arrivals.compareAndSet(head, w)) {
                return head == null ? Push.FIRST : Push.QUEUED;
            }
        }
    }

    Push withdraw(PollerWait w) {
        while (true) {
            PollerWait head = withdrawals.get();
            if (head == CLOSED) {
                return Push.CLOSED;
            }
            w.nextWithdrawal = head;
            if (withdrawals.compareAndSet(head, w)) {
                return head == null ? Push.FIRST : Push.QUEUED;
            }
        }
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
