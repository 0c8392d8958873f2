package dev.jzx.kqueue;

import io.netty.channel.IoHandlerContext;

/**
 * What one {@code KQueueIoHandler.run} may do: whether it may block, until when, and whether a
 * wake-up has been requested since the last poll took the previous one.
 *
 * <p>Why a wake-up is never lost: {@link #requestWakeup} writes {@link #wakeRequested} and then
 * calls the handler's {@code wakeup()}, which triggers its {@code EVFILT_USER} event unless its
 * {@code wakenUp} flag is already set. That flag is reset only when the handler is about to
 * block, so after non-blocking runs it can stay set and a trigger be skipped (notes: "mixing
 * runNow and run(wait) can lose a wakeup"). The handler resets it and then, if it was set, asks
 * {@link #canBlock()} again before {@code kevent}; both sides are volatile or atomic, so either
 * the handler sees the flag and does not block, or the waker's trigger lands and ends the wait.
 */
final class PollContext implements IoHandlerContext {
    /** Longer than this counts as no limit (and keeps {@code now + timeout} from overflowing). */
    private static final long MAX_TIMEOUT_NANOS = 1L << 62;
    /** {@link #deadlineNanos()} for "no deadline", as {@code IoHandlerContext} defines it. */
    private static final long NO_DEADLINE = -1;

    private volatile boolean wakeRequested;
    private boolean mayBlock;
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
        if (timeoutNanos < 0 || timeoutNanos > MAX_TIMEOUT_NANOS) {
            deadline = NO_DEADLINE;
        } else {
            long d = System.nanoTime() + timeoutNanos;
            deadline = d == NO_DEADLINE ? d - 1 : d; // nanoTime may be negative; -1 must mean "none"
        }
    }

    @Override
    public boolean canBlock() {
        return mayBlock && !wakeRequested;
    }

    @Override
    public long delayNanos(long currentTimeNanos) {
        return deadline == NO_DEADLINE ? Long.MAX_VALUE : Math.max(0, deadline - currentTimeNanos);
    }

    /** The absolute deadline ({@code KQueueIoHandler} only uses {@link #delayNanos}). */
    @Override
    public long deadlineNanos() {
        return deadline;
    }
}
