package dev.jzx.iouring;

import io.netty.channel.uring.IoUringIoOps;

/**
 * Builds the submission entries of this backend with {@link IoUringIoOps}' public constructor
 * (Netty's own factories are package-private). Field use follows liburing's
 * {@code io_uring_prep_poll_add}, {@code _poll_remove} and {@code _poll_update}; the kernel
 * rejects a POLL_ADD whose {@code off}, {@code addr} or {@code buf_index} is not zero.
 *
 * <p>{@code data} is what the completion's {@code userData()} gives back. It must fit a
 * {@code short} so Netty packs it into the kernel's user_data (its fast path: no map entry);
 * this backend puts the arming's generation there.
 */
final class PollOps {
    static final byte IORING_OP_POLL_ADD = 6;
    static final byte IORING_OP_POLL_REMOVE = 7;
    /** POLL_REMOVE {@code len} flag: replace the pending poll's event mask with {@code poll32_events}. */
    static final int IORING_POLL_UPDATE_EVENTS = 1 << 1;
    /** POLL_ADD {@code len} flag: multishot, a completion per wake-up until cancelled (Linux 5.13+). */
    static final int IORING_POLL_ADD_MULTI = 1;
    /** CQE flag: more completions follow for the same request (multishot). */
    static final int IORING_CQE_F_MORE = 1 << 1;

    static final int ECANCELED = 125;
    static final int ENOENT = 2;
    static final int EALREADY = 114;

    private PollOps() {
    }

    /** A one-shot POLL_ADD of {@code events} on {@code fd}. */
    static IoUringIoOps pollAdd(int fd, int events, int data) {
        return new IoUringIoOps(IORING_OP_POLL_ADD, (byte) 0, (short) 0, fd, 0L, 0L, 0, events, data,
                (short) 0, (short) 0, 0, 0L);
    }

    /**
     * A multishot POLL_ADD of {@code events} on {@code fd}: edge-triggered (io_uring polls are
     * EPOLLET unless IORING_POLL_ADD_LEVEL), so one completion for the mask found at arm time if
     * any, then one per wake-up of the file's wait queue that matches the events.
     */
    static IoUringIoOps pollAddMultishot(int fd, int events, int data) {
        return new IoUringIoOps(IORING_OP_POLL_ADD, (byte) 0, (short) 0, fd, 0L, 0L, IORING_POLL_ADD_MULTI, events,
                data, (short) 0, (short) 0, 0, 0L);
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
