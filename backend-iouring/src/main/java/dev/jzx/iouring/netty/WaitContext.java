package dev.jzx.iouring.netty;

import io.netty.channel.IoHandlerContext;

/**
 * How long one {@code IoUringIoHandler.run} may wait: not at all, up to a deadline (Netty then
 * queues an IORING_OP_TIMEOUT), or without limit. One mutable instance per ring, reset before
 * each run, so waiting allocates nothing.
 *
 * <p>A timed wait costs no extra ring entry: Netty queues the IORING_OP_TIMEOUT just before the
 * {@code io_uring_enter} that waits, and with a completion count of 1, so the timeout also
 * completes with the first completion that ends the wait early and never outlives it.
 */
final class WaitContext implements IoHandlerContext {
    private final CallerThread caller;
    private boolean mayBlock;
    private long deadline = -1;
    /** IORING_OP_TIMEOUT entries Netty was told to queue (tests read it). */
    long timeoutsQueued;

    WaitContext(CallerThread caller) {
        this.caller = caller;
    }

    /** @param timeoutNanos 0: no wait; negative: no limit; positive: at most that long */
    void set(long timeoutNanos) {
        mayBlock = timeoutNanos != 0;
        deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : -1;
    }

    @Override
    public boolean canBlock() {
        return mayBlock && !caller.hasTasks();
    }

    @Override
    public long delayNanos(long currentTimeNanos) {
        if (deadline != -1) {
            timeoutsQueued++; // Netty asks only just before it queues the timeout
        }
        return deadline == -1 ? Long.MAX_VALUE : Math.max(0, deadline - currentTimeNanos);
    }

    @Override
    public long deadlineNanos() {
        return deadline;
    }
}
