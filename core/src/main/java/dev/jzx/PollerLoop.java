package dev.jzx;

import dev.jzx.spi.FdTable;

/**
 * The waits one {@link Loop} serves for a {@link Poller}, whichever thread drives it. Other
 * threads hand waits in through a {@link PollerInbox}; the driver takes them all between two
 * runs, so every arm made meanwhile reaches the kernel in the same run (one
 * {@code io_uring_enter} on io_uring). The waits of one fd are merged into one watch with the
 * union of their interests ({@link FdWaiters}); each wait is one-shot, and its fd's watch is
 * narrowed or dropped before the wait's thread is woken.
 *
 * <p>{@link #offer} and {@link #offerWithdrawal} are for any thread; everything else is for one
 * thread at a time, the driver's turn.
 */
final class PollerLoop implements ReadyHandler {
    /** {@link FdWaiters#watched} after a report: the one-shot watch is spent, whatever it was. */
    private static final int SPENT = -1;

    final LoopRuntime loop;
    private final PollerInbox inbox = new PollerInbox();
    private final FdTable<FdWaiters> table = new FdTable<>(FdWaiters::new);

    PollerLoop(Loop loop) {
        this.loop = (LoopRuntime) loop; // Loop.open's, always
    }

    /** Queues a new wait; any thread. */
    PollerInbox.Push offer(PollerWait w) {
        return inbox.arrive(w);
    }

    /** Queues a withdrawn wait ({@link PollerWait#withdraw()} succeeded); any thread. */
    PollerInbox.Push offerWithdrawal(PollerWait w) {
        return inbox.withdraw(w);
    }

    /** {@return whether something was offered that {@link #takeInbox()} has not taken} */
    boolean hasInbox() {
        return inbox.hasWork();
    }

    /** Arms the waits offered since the last call and drops the withdrawn ones. */
    void takeInbox() {
        armArrivals();
        dropWithdrawals();
    }

    private void armArrivals() {
        PollerWait first = inbox.takeArrivals();
        // Listed first, watched after: waits on one fd that arrived together cost one watch.
        for (PollerWait w = first; w != null; w = w.nextArrival) {
            if (w.isPending()) {
                table.slot(w.fd).add(w);
            }
        }
        for (PollerWait w = first; w != null; ) {
            PollerWait next = w.nextArrival;
            w.nextArrival = null;
            if (w.listed) {
                watchAsWanted(table.get(w.fd));
            }
            w = next;
        }
    }

    private void dropWithdrawals() {
        for (PollerWait w = inbox.takeWithdrawals(); w != null; ) {
            PollerWait next = w.nextWithdrawal;
            w.nextWithdrawal = null;
            if (w.listed) {
                FdWaiters f = table.get(w.fd);
                f.remove(w);
                watchAsWanted(f);
            }
            w = next;
        }
    }

    /** Makes the loop watch {@code f} with the union of its waits' interests. */
    private void watchAsWanted(FdWaiters f) {
        int wanted = f.wanted();
        if (wanted == f.watched) {
            return;
        }
        try {
            if (wanted == 0) {
                loop.unwatch(f.fd);
            } else {
                loop.watchOnce(f.fd, wanted, this);
            }
            f.watched = wanted;
        } catch (RuntimeException e) { // out of a kernel resource: the fd's previous watch stands
            failAll(f, e);
        }
    }

    @Override
    public boolean onReady(int fd, int readiness) {
        FdWaiters f = table.get(fd);
        if (f == null) {
            return false;
        }
        PollerWait done = null;
        for (PollerWait w = f.first(); w != null; ) {
            PollerWait next = w.next;
            if (!w.isPending()) {
                f.remove(w); // withdrawn: its withdrawal will find it gone
            } else if ((readiness & (w.interest | Io.ERROR | Io.HANGUP)) != 0) {
                f.remove(w);
                w.next = done;
                done = w;
            }
            w = next;
        }
        // The report spent the one-shot watch: armed again for the waits left, or dropped, before
        // any wait is woken, so that when await returns the loop no longer watches the fd for it.
        // (Returning false would leave the change until after the wake-ups.)
        f.watched = SPENT;
        watchAsWanted(f);
        while (done != null) {
            PollerWait next = done.next;
            done.next = null;
            done.ready(readiness & (done.interest | Io.ERROR | Io.HANGUP));
            done = next;
        }
        return true;
    }

    private void failAll(FdWaiters f, RuntimeException e) {
        for (PollerWait w = f.first(); w != null; ) {
            PollerWait next = w.next;
            f.remove(w);
            w.fail(e);
            w = next;
        }
        if (f.watched != 0) {
            f.watched = 0;
            loop.unwatch(f.fd);
        }
    }

    /** Refuses later offers, fails every wait with {@code e} and closes the loop. */
    void shutDown(IllegalStateException e) {
        try {
            for (PollerWait w = inbox.close(); w != null; w = w.nextArrival) {
                w.fail(e);
            }
            table.forEach(f -> { // once, at the end: walking every fd is fine here
                for (PollerWait w = f.first(); w != null; w = w.next) {
                    w.fail(e);
                }
            });
            table.clear();
        } finally {
            loop.close();
        }
    }
}
