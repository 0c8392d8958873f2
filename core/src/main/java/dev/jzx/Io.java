package dev.jzx;

/**
 * Readiness and interest bits. The values mirror the C ABI's {@code JZX_IO_READ} and
 * {@code JZX_IO_WRITE}, so a mask can cross a JNI or FFM boundary unchanged.
 *
 * <p>{@link #READ} and {@link #WRITE} are used both as interest (passed to
 * {@link Loop#watch}) and as readiness (passed to {@link ReadyHandler#onReady}).
 * {@link #ERROR} and {@link #HANGUP} are readiness only: they are reported whatever the
 * interest, as poll(2) reports {@code POLLERR} and {@code POLLHUP}.
 */
public final class Io {
    /** Readable: a read will not block (it may return data, end of file, or an error). */
    public static final int READ = 1;
    /** Writable: a write will not block (it may still fail, e.g. with {@code EPIPE}). */
    public static final int WRITE = 2;
    /** An error condition on the descriptor, or the kernel refused to watch it. */
    public static final int ERROR = 4;
    /** The peer hung up (pipe writer or socket peer closed); unread data may remain. */
    public static final int HANGUP = 8;

    /** Every bit that is valid as interest. */
    public static final int INTEREST_MASK = READ | WRITE;

    private Io() {
    }

    /**
     * Renders a mask for messages and logs, e.g. {@code "READ|HANGUP"}; {@code "0"} for none.
     *
     * @param mask readiness or interest bits
     * @return the names of the bits set, unknown bits in hexadecimal
     */
    public static String toString(int mask) {
        if (mask == 0) {
            return "0";
        }
        StringBuilder s = new StringBuilder();
        append(s, mask, READ, "READ");
        append(s, mask, WRITE, "WRITE");
        append(s, mask, ERROR, "ERROR");
        append(s, mask, HANGUP, "HANGUP");
        int unknown = mask & ~(READ | WRITE | ERROR | HANGUP);
        if (unknown != 0) {
            s.append(s.length() == 0 ? "" : "|").append("0x").append(Integer.toHexString(unknown));
        }
        return s.toString();
    }

    private static void append(StringBuilder s, int mask, int bit, String name) {
        if ((mask & bit) != 0) {
            s.append(s.length() == 0 ? "" : "|").append(name);
        }
    }
}
