package dev.jzx.iouring.netty;

import io.netty.channel.uring.IoUringIoOps;

/**
 * Builds the submission entries with {@link IoUringIoOps}' public constructor (Netty's own
 * factories are package-private). Field use follows liburing's {@code io_uring_prep_poll_add},
 * {@code _poll_remove} and {@code _poll_update}; the kernel rejects a POLL_ADD whose {@code off},
 * {@code addr} or {@code buf_index} is not zero.
 *
 * <p>{@code data} is what the completion's {@code userData()} gives back. It must fit a
 * {@code short} so Netty packs it into the kernel's user_data (its fast path: no map entry); the
 * backend puts the arming's generation there, hence {@link NettyRing#generationMask()}.
 */
final class NettyPollOps {
    static final byte IORING_OP_POLL_ADD = 6;
    static final byte IORING_OP_POLL_REMOVE = 7;
    private static final int IORING_POLL_UPDATE_EVENTS = 1 << 1;
    private static final int IORING_POLL_ADD_MULTI = 1;
    static final int IORING_CQE_F_MORE = 1 << 1;
    static final int ECANCELED = 125;

    private NettyPollOps() {
    }

    /** A POLL_ADD of {@code events} on {@code fd}, multishot or one-shot. */
    static IoUringIoOps pollAdd(int fd, int events, boolean multishot, int data) {
        return new IoUringIoOps(IORING_OP_POLL_ADD, (byte) 0, (short) 0, fd, 0L, 0L,
                multishot ? IORING_POLL_ADD_MULTI : 0, events, data, (short) 0, (short) 0, 0, 0L);
    }

    /** Cancels the poll whose kernel user_data is {@code target} (what {@code submit} returned for it). */
    static IoUringIoOps pollRemove(long target, int data) {
        return new IoUringIoOps(IORING_OP_POLL_REMOVE, (byte) 0, (short) 0, -1, 0L, target, 0, 0, data,
                (short) 0, (short) 0, 0, 0L);
    }

    /**
     * Changes the event mask of the pending poll {@code target} to {@code events}, keeping its
     * user_data and its one-shot behaviour (the kernel only replaces the low 16 event bits).
     */
    static IoUringIoOps pollUpdateEvents(long target, int events, int data) {
        return new IoUringIoOps(IORING_OP_POLL_REMOVE, (byte) 0, (short) 0, -1, 0L, target,
                IORING_POLL_UPDATE_EVENTS, events, data, (short) 0, (short) 0, 0, 0L);
    }
}
