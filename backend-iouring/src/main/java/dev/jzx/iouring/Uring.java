package dev.jzx.iouring;

/** The io_uring ABI values both adapters and the backend use ({@code linux/io_uring.h}). */
final class Uring {
    static final byte IORING_OP_POLL_ADD = 6;
    static final byte IORING_OP_POLL_REMOVE = 7;
    /** POLL_REMOVE {@code len} flag: replace the pending poll's event mask with {@code poll32_events}. */
    static final int IORING_POLL_UPDATE_EVENTS = 1 << 1;
    /** POLL_ADD {@code len} flag: multishot, a completion per wake-up until cancelled (Linux 5.13+). */
    static final int IORING_POLL_ADD_MULTI = 1;
    /** CQE flag: more completions follow for the same request (multishot). */
    static final int IORING_CQE_F_MORE = 1 << 1;

    private Uring() {
    }
}
