package dev.jzx;

import dev.jzx.spi.FdTable;

/**
 * One thread of a {@link Poller} and the {@link Loop} it runs. Other threads hand it waits
 * through its {@link PollerInbox}; it takes them all between two runs, so every arm made
 * meanwhile reaches the kernel in the same run (one {@code io_uring_enter} on io_uring). The
 * waits of one fd are merged into one watch with the union of their interests
 * ({@link FdWaiters}); each wait is one-shot, and its fd's watch is narrowed or dropped before
 * the wait's thread is woken.
 */
final class PollerThread implements ReadyHandler, Runnable {
    private static final System.Logger LOG = System.getLogger("dev.jzx");

    private final Loop loop;
    private final PollerInbox inbox = new PollerInbox();
    private final FdTable<FdWaiters> table = new FdTable<>(FdWaiters::new);
    private final Thread thread;
    private volatile boolean closing;
    /** Why the thread ended, if its loop failed; what later calls are told. */
    private volatile Throwable died;

    PollerThread(Loop loop, String name) {
        this.loop = loop;
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /**
     * Hands {@code w} to this thread; any thread.
     *
     * @throws IllegalStateException if the poller is closed
     */
    void arrive(PollerWait w) {
        switch (inbox.arrive(w)) {
            case FIRST:
                loop.wakeup(); // later arrivals find the wake-up pending
                break;
            case CLOSED:
                throw closed();
            default:
                break;
        }
    }

    /**
     * Withdraws {@code w} unless it has ended already; any thread.
     *
     * @return whether this call withdrew it
     */
    boolean withdraw(PollerWait w) {
        if (!w.withdraw()) {
            return false;
        }
        if (inbox.withdraw(w) == PollerInbox.Push.FIRST) {
            loop.wakeup(); // so that the fd stops being watched for it now, not at its next event
        }
        return true;
    }

    /** Asks the thread to fail its waits, close its loop and end; any thread. */
    void requestClose() {
        closing = true;
        loop.wakeup();
    }

    /** Waits until the thread has ended; does not wait for itself. */
    void awaitEnd() {
        if (isCurrent()) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        try {
            while (!closing) {
                armArrivals();
                dropWithdrawals();
                loop.run(RunMode.ONCE);
            }
        } catch (Throwable t) {
            died = t;
            LOG.log(System.Logger.Level.ERROR, thread.getName() + " failed; its waits fail with it", t);
        } finally {
            shutDown();
        }
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
                loop.watch(f.fd, wanted, this);
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
        // Narrowed or dropped before any wait is woken: when await returns, the loop no longer
        // watches the fd for it. (Returning false would leave the change until after the wake-ups.)
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

    private void shutDown() {
        IllegalStateException e = closed();
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

    private IllegalStateException closed() {
        Throwable cause = died;
        return cause == null ? new IllegalStateException("the poller is closed (" + thread.getName() + ")")
                : new IllegalStateException(thread.getName() + " failed: " + cause, cause);
    }
}
