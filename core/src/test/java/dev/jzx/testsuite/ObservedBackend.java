package dev.jzx.testsuite;

import dev.jzx.spi.Backend;
import dev.jzx.spi.ReadySink;
import java.time.Duration;

/**
 * A backend seen from outside: lets a test wait until the loop is inside a wait that may block
 * (the state "run(ONCE) is blocked") instead of sleeping and hoping it got there. Everything is
 * passed through unchanged.
 */
public final class ObservedBackend implements Backend {
    private final Backend inner;
    /** One monitor for every instance, so that a test can wait on several backends at once. */
    private static final Object MONITOR = new Object();
    /** fd to the interest it is registered with now; any thread may read it. */
    private final java.util.Map<Integer, Integer> registered = new java.util.concurrent.ConcurrentHashMap<>();
    /** Waits that may block, begun so far. */
    private long blockingWaitsBegun;
    /** Whether such a wait is in progress. */
    private boolean inBlockingWait;

    /** The sink of the blocking poll in progress, reached through {@link #leavingWait}. */
    private ReadySink target;
    private final ReadySink leavingWait = new ReadySink() {
        @Override
        public void waitOver() {
            leaveBlockingWait();
            target.waitOver();
        }

        /** The wait is over once it reports: a reentrant poll runs handlers after that. */
        @Override
        public void ready(int fd, int token, int readiness) {
            leaveBlockingWait();
            target.ready(fd, token, readiness);
        }
    };

    ObservedBackend(Backend inner) {
        this.inner = inner;
    }

    @Override
    public int register(int fd, int interest, int token) {
        int result = inner.register(fd, interest, token);
        registered(fd, interest);
        return result;
    }

    @Override
    public void reregister(int fd, int interest, int token) {
        inner.reregister(fd, interest, token);
        registered(fd, interest);
    }

    @Override
    public int registerOneShot(int fd, int interest, int token) {
        int result = inner.registerOneShot(fd, interest, token);
        registered(fd, interest);
        return result;
    }

    @Override
    public void reregisterOneShot(int fd, int interest, int token) {
        inner.reregisterOneShot(fd, interest, token);
        registered(fd, interest);
    }

    @Override
    public void deregister(int fd) {
        inner.deregister(fd);
        registered(fd, 0);
    }

    @Override
    public void poll(long timeoutNanos, ReadySink sink) {
        if (timeoutNanos == 0) {
            inner.poll(0, sink);
            return;
        }
        synchronized (MONITOR) {
            blockingWaitsBegun++;
            inBlockingWait = true;
            MONITOR.notifyAll();
        }
        target = sink;
        try {
            inner.poll(timeoutNanos, leavingWait);
        } finally {
            target = null;
            leaveBlockingWait();
        }
    }

    private void leaveBlockingWait() {
        synchronized (MONITOR) {
            inBlockingWait = false;
        }
    }

    @Override
    public int descriptor() {
        return inner.descriptor();
    }

    @Override
    public boolean changesWaitForPoll() {
        return inner.changesWaitForPoll();
    }

    @Override
    public boolean reentrantPoll() {
        return inner.reentrantPoll();
    }

    @Override
    public void wakeup() {
        inner.wakeup();
    }

    @Override
    public void close() {
        inner.close();
    }

    /** {@return the backend observed, for a backend module's test that reads its own counters} */
    public Backend inner() {
        return inner;
    }

    /**
     * @param fd a descriptor number
     * @return the interest {@code fd} is registered with now (as the loop last asked), 0 if none
     */
    public int registeredInterest(int fd) {
        return registered.getOrDefault(fd, 0);
    }

    private static int union(java.util.List<ObservedBackend> backends, int fd) {
        int interest = 0;
        for (ObservedBackend b : backends) {
            interest |= b.registeredInterest(fd);
        }
        return interest;
    }

    private void registered(int fd, int interest) {
        synchronized (MONITOR) {
            if (interest == 0) {
                registered.remove(fd);
            } else {
                registered.put(fd, interest);
            }
            MONITOR.notifyAll();
        }
    }

    /**
     * Waits until {@code fd} is registered with exactly {@code interest} (0: not registered).
     *
     * @param fd       a descriptor number
     * @param interest the interest to wait for
     * @param patience how long to wait at most
     * @return whether that state was reached
     */
    public boolean awaitRegistered(int fd, int interest, Duration patience) throws InterruptedException {
        return awaitRegistered(java.util.List.of(this), fd, interest, patience);
    }

    /**
     * As {@link #awaitRegistered(int, int, Duration)}, for the union of what {@code backends}
     * register (a poller's threads' loops and its sub-pollers').
     *
     * @param backends the backends, a list that may grow meanwhile
     * @param fd       the descriptor
     * @param interest the interest awaited (0: registered nowhere)
     * @param patience how long to wait at most
     * @return whether it got there in time
     * @throws InterruptedException if interrupted
     */
    static boolean awaitRegistered(java.util.List<ObservedBackend> backends, int fd, int interest, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (MONITOR) {
            while (union(backends, fd) != interest) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                MONITOR.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** {@return how many waits that may block have begun} */
    public long blockingWaitsBegun() {
        synchronized (MONITOR) {
            return blockingWaitsBegun;
        }
    }

    /**
     * Waits until the loop is inside a wait that may block, having begun more than {@code after}
     * of them: it is then in the kernel, or about to be (a wake-up in between is kept for it by
     * the backend's contract).
     *
     * @param after a value of {@link #blockingWaitsBegun()} to get past; 0 for any wait
     * @param patience how long to wait at most
     * @return whether that state was reached
     */
    public boolean awaitBlockingWait(long after, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (MONITOR) {
            while (!(inBlockingWait && blockingWaitsBegun > after)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                MONITOR.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}
