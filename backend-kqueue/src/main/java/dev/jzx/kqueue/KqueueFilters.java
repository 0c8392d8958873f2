package dev.jzx.kqueue;

import dev.jzx.Io;
import io.netty.channel.kqueue.KQueueIoOps;

/**
 * The kevent filters and flags this backend uses, and the translation of a returned kevent to
 * {@link Io} bits.
 *
 * <p>The values are those of {@code <sys/event.h>}, identical on macOS and the BSDs. They are
 * written out because Netty's {@code io.netty.channel.kqueue.Native} is package-private.
 * {@link KQueueIoOps} has no native dependency, so these constants load (and are tested) on
 * Linux too.
 */
final class KqueueFilters {
    static final short EVFILT_READ = -1;
    static final short EVFILT_WRITE = -2;
    static final short EV_ADD = 0x1;
    static final short EV_DELETE = 0x2;
    static final short EV_ENABLE = 0x4;
    static final short EV_ERROR = 0x4000;
    static final short EV_EOF = (short) 0x8000;

    /** Level-triggered (no EV_CLEAR, EV_ONESHOT or EV_DISPATCH), as poll(2). */
    static final KQueueIoOps ADD_READ = KQueueIoOps.newOps(EVFILT_READ, (short) (EV_ADD | EV_ENABLE), 0);
    static final KQueueIoOps ADD_WRITE = KQueueIoOps.newOps(EVFILT_WRITE, (short) (EV_ADD | EV_ENABLE), 0);
    static final KQueueIoOps DELETE_READ = KQueueIoOps.newOps(EVFILT_READ, EV_DELETE, 0);
    static final KQueueIoOps DELETE_WRITE = KQueueIoOps.newOps(EVFILT_WRITE, EV_DELETE, 0);

    private KqueueFilters() {
    }

    /**
     * Translates one returned kevent. kqueue reports each filter separately, so READ and WRITE
     * of one fd arrive as two events.
     *
     * <ul>
     *   <li>{@code EVFILT_READ}: {@link Io#READ}; with {@code EV_EOF} (the writer or the peer is
     *       gone, unread data may remain) also {@link Io#HANGUP}, as poll(2)'s POLLHUP.</li>
     *   <li>{@code EVFILT_WRITE}: {@link Io#WRITE}; with {@code EV_EOF} (the reader is gone: a
     *       write fails with EPIPE) also {@link Io#ERROR}, as Linux's POLLERR for a pipe whose
     *       reader closed.</li>
     *   <li>{@code EV_EOF} with a non-zero {@code fflags}: a socket error (the errno is in
     *       {@code fflags}), {@link Io#ERROR}.</li>
     * </ul>
     *
     * <p>Contract item 11 (docs/contract.md: what poll(2) reports, no more) holds by construction: HANGUP comes
     * only through {@code EVFILT_READ}, which is added only with READ interest; a peer's
     * half-close (its FIN) sets {@code EV_EOF} on our read side only, so a socket watched for
     * WRITE alone stays quiet until {@code EVFILT_WRITE} finds room (read from the BSD and XNU
     * {@code filt_sowrite}; {@code HalfCloseSuite} checks it where kqueue runs).
     *
     * @return the readiness, or 0 for a filter this backend never adds
     */
    static int readiness(short filter, short flags, int fflags) {
        boolean eof = (flags & EV_EOF) != 0;
        int readiness;
        if (filter == EVFILT_READ) {
            readiness = eof ? Io.READ | Io.HANGUP : Io.READ;
        } else if (filter == EVFILT_WRITE) {
            readiness = eof ? Io.WRITE | Io.ERROR : Io.WRITE;
        } else {
            return 0;
        }
        if (eof && fflags != 0) {
            readiness |= Io.ERROR;
        }
        return readiness;
    }
}
