package dev.jzx.iouring;

import io.netty.channel.IoHandlerContext;

/**
 * How long one {@code IoUringIoHandler.run} may wait: not at all, up to a deadline (Netty then
 * queues an IORING_OP_TIMEOUT), or without limit. One mutable instance per ring, reset before
 * each run, so waiting allocates nothing.
 */
final class WaitContext implements IoHandlerContext {
    private final CallerThread caller;
    private boolean mayBlock;
    private long deadline = -1;

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
        return deadline == -1 ? Long.MAX_VALUE : Math.max(0, deadline - currentTimeNanos);
    }

    @Override
    public long deadlineNanos() {
        return deadline;
    }
}
