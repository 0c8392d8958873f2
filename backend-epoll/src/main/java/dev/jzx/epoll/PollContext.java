package dev.jzx.epoll;

import io.netty.channel.IoHandlerContext;

/**
 * What one {@code EpollIoHandler.run} may do: whether it may block, until when, and whether a
 * wake-up has been requested since the last poll took the previous one.
 *
 * <p>Why a wake-up is never lost: {@link #requestWakeup} writes {@link #wakeRequested} and then
 * calls the handler's {@code wakeup()}, which writes the eventfd only if the handler has already
 * published that it is about to block (its {@code nextWakeupNanos}). The handler publishes that
 * first and then asks {@link #canBlock()} once more before {@code epoll_wait}. Both sides are
 * volatile or atomic, so either the handler sees the flag and does not block, or the waker sees
 * it blocking and writes the eventfd.
 */
final class PollContext implements IoHandlerContext {
    /** Longer than this counts as no limit (and keeps {@code now + timeout} from overflowing). */
    private static final long MAX_TIMEOUT_NANOS = 1L << 62;
    /** {@link #deadlineNanos()} for "no deadline", as {@code IoHandlerContext} defines it. */
    private static final long NO_DEADLINE = -1;

    private volatile boolean wakeRequested;
    private boolean mayBlock;
    /** canBlock() said yes once in this poll (Netty chose to wait). */
    private boolean saidYes;
    /** ... and then no, before the wait: Netty returns without calling epoll_wait at all. */
    private boolean waitSkipped;
    private long deadline = NO_DEADLINE;

    /** Any thread. The next {@link #canBlock()}, in this poll or the next, answers false. */
    void requestWakeup() {
        wakeRequested = true;
    }

    /**
     * Sets up the next {@code run}. A wake-up requested before this point is taken here (the
     * poll will not block); one requested later stays for the poll after it.
     *
     * @param timeoutNanos 0: no wait; negative: no limit
     */
    void prepare(long timeoutNanos) {
        boolean woken = wakeRequested;
        if (woken) {
            // Not atomic with the read, and need not be: a request made in between is satisfied
            // by this very poll, which will not block.
            wakeRequested = false;
        }
        mayBlock = timeoutNanos != 0 && !woken;
        saidYes = false;
        waitSkipped = false;
        if (timeoutNanos < 0 || timeoutNanos > MAX_TIMEOUT_NANOS) {
            deadline = NO_DEADLINE;
        } else {
            long d = System.nanoTime() + timeoutNanos;
            deadline = d == NO_DEADLINE ? d - 1 : d; // nanoTime may be negative; -1 must mean "none"
        }
    }

    @Override
    public boolean canBlock() {
        boolean yes = mayBlock && !wakeRequested;
        if (yes) {
            saidYes = true;
        } else if (saidYes) {
            waitSkipped = true;
        }
        return yes;
    }

    /**
     * Whether the last poll looked at nothing: Netty decides to wait (first {@code canBlock()}),
     * then a wake-up lands before {@code epoll_wait}, and its second {@code canBlock()} makes it
     * return without calling {@code epoll_wait} at all, so fds that were ready go unreported.
     *
     * @return true when the poll must be repeated without waiting
     */
    boolean waitSkipped() {
        return waitSkipped;
    }

    @Override
    public long delayNanos(long currentTimeNanos) {
        return deadline == NO_DEADLINE ? Long.MAX_VALUE : Math.max(0, deadline - currentTimeNanos);
    }

    /**
     * The absolute deadline. {@code EpollIoHandler} compares it with the last one only to decide
     * whether its timerfd needs re-arming, so a fresh value per poll is what it expects.
     */
    @Override
    public long deadlineNanos() {
        return deadline;
    }
}
