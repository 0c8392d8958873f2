package dev.jzx;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One call of {@link Poller#await} or {@link Poller#whenReady}: its life is one state with named
 * transitions, each a compare-and-set, so exactly one party ends it.
 *
 * <pre>
 *   PENDING --ready(r)--&gt; READY       the poller thread saw the fd ready
 *   PENDING --withdraw--&gt;  WITHDRAWN   the caller gave up (timeout, interrupt, cancel)
 *   PENDING --fail(e)---&gt;  FAILED      the poller closed, or the kernel could not arm the fd
 * </pre>
 *
 * The links are the poller thread's: {@code nextArrival} while the wait sits in the inbox,
 * {@code prev}/{@code next} while it is listed on its fd, {@code nextWithdrawal} once withdrawn.
 */
final class PollerWait extends AtomicInteger {
    static final int PENDING = 0;
    static final int READY = 1;
    static final int WITHDRAWN = 2;
    static final int FAILED = 3;

    final int fd;
    final int interest;
    /** Parked in {@link Poller#await}; null for a future's wait. */
    private final Thread waiter;
    /** The future of {@link Poller#whenReady}; null for a parked thread's wait. */
    private final PollerFuture future;
    /** Written before the transition out of PENDING, read after it. */
    private int readiness;
    private RuntimeException failure;

    PollerWait nextArrival;
    PollerWait nextWithdrawal;
    PollerWait prev;
    PollerWait next;
    /** Whether it is on its fd's list (poller thread only). */
    boolean listed;

    private PollerWait(int fd, int interest, Thread waiter, PollerFuture future) {
        super(PENDING);
        this.fd = fd;
        this.interest = interest;
        this.waiter = waiter;
        this.future = future;
    }

    /** @return the wait of the calling thread, which parks until it ends */
    static PollerWait parked(int fd, int interest) {
        return new PollerWait(fd, interest, Thread.currentThread(), null);
    }

    /** @return the wait behind {@code future} */
    static PollerWait forFuture(int fd, int interest, PollerFuture future) {
        return new PollerWait(fd, interest, null, future);
    }

    /** @return a wait that marks a closed stack; never pending on anything */
    static PollerWait tombstone() {
        return new PollerWait(-1, 0, null, null);
    }

    boolean isPending() {
        return get() == PENDING;
    }

    /**
     * Ends the wait with {@code r} and wakes its thread or completes its future. Poller thread.
     *
     * @return false when it had already ended (withdrawn)
     */
    boolean ready(int r) {
        readiness = r;
        if (!compareAndSet(PENDING, READY)) {
            return false;
        }
        if (future != null) {
            future.deliver(r); // dependants run here, on the poller thread
        } else {
            LockSupport.unpark(waiter);
        }
        return true;
    }

    /** Ends the wait with {@code e}: await throws it, the future completes with it. */
    boolean fail(RuntimeException e) {
        failure = e;
        if (!compareAndSet(PENDING, FAILED)) {
            return false;
        }
        if (future != null) {
            future.deliverFailure(e);
        } else {
            LockSupport.unpark(waiter);
        }
        return true;
    }

    /** @return whether this call ended the wait (the caller must then tell the poller thread) */
    boolean withdraw() {
        return compareAndSet(PENDING, WITHDRAWN);
    }

    /** @return the readiness; only after {@link #READY} was seen */
    int readiness() {
        return readiness;
    }

    /** @return why it failed; only after {@link #FAILED} was seen */
    RuntimeException failure() {
        return failure;
    }
}
