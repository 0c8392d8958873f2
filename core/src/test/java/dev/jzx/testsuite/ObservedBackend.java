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
    private final Object lock = new Object();
    /** fd to the interest it is registered with now; any thread may read it. */
    private final java.util.Map<Integer, Integer> registered = new java.util.concurrent.ConcurrentHashMap<>();
    /** Waits that may block, begun so far. */
    private long blockingWaitsBegun;
    /** Whether such a wait is in progress. */
    private boolean inBlockingWait;

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
        synchronized (lock) {
            blockingWaitsBegun++;
            inBlockingWait = true;
            lock.notifyAll();
        }
        try {
            inner.poll(timeoutNanos, sink);
        } finally {
            synchronized (lock) {
                inBlockingWait = false;
            }
        }
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

    private void registered(int fd, int interest) {
        synchronized (lock) {
            if (interest == 0) {
                registered.remove(fd);
            } else {
                registered.put(fd, interest);
            }
            lock.notifyAll();
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
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (lock) {
            while (registeredInterest(fd) != interest) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** {@return how many waits that may block have begun} */
    public long blockingWaitsBegun() {
        synchronized (lock) {
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
        synchronized (lock) {
            while (!(inBlockingWait && blockingWaitsBegun > after)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}
