package dev.jzx.epoll;

/**
 * The errno values of {@code epoll_ctl} that {@link EpollBackend} tells apart, and their names
 * for messages. Linux uses these numbers on every architecture it runs this backend on (the
 * generic {@code asm-generic/errno-base.h} and {@code errno.h}).
 */
final class CtlErrno {
    /** The file has no poll method (regular files, directories): poll(2) calls it always ready. */
    static final int EPERM = 1;
    /** MOD or DEL of a file that is not in the interest list. */
    static final int ENOENT = 2;
    /** Not an open descriptor. */
    static final int EBADF = 9;
    /** The kernel is out of memory. */
    static final int ENOMEM = 12;
    /** ADD of a file already in the interest list (the adapter's own eventfd, say). */
    static final int EEXIST = 17;
    /** The epoll fd itself, or an invalid operation. */
    static final int EINVAL = 22;
    /** {@code /proc/sys/fs/epoll/max_user_watches} reached. */
    static final int ENOSPC = 28;
    /** An epoll fd that would nest too deep, or watch itself through others. */
    static final int ELOOP = 40;

    private CtlErrno() {
    }

    /**
     * Names an errno for a message.
     *
     * @param errno an errno value
     * @return its symbolic name, or {@code "errno N"}
     */
    static String name(int errno) {
        switch (errno) {
            case EPERM:
                return "EPERM";
            case ENOENT:
                return "ENOENT";
            case EBADF:
                return "EBADF";
            case ENOMEM:
                return "ENOMEM";
            case EEXIST:
                return "EEXIST";
            case EINVAL:
                return "EINVAL";
            case ENOSPC:
                return "ENOSPC";
            case ELOOP:
                return "ELOOP";
            default:
                return "errno " + errno;
        }
    }
}
