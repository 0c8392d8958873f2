package dev.jzx.internal;

/**
 * The errno values the backends tell apart, and their names for messages. Linux uses these
 * numbers on every architecture the backends run on ({@code asm-generic/errno-base.h} and
 * {@code errno.h}). Plain numbers, so that code for any JDK can use them.
 */
public final class Errnos {
    /** {@code EPERM}: not permitted (epoll: a file with no poll method; io_uring_setup: refused). */
    public static final int EPERM = 1;
    /** {@code ENOENT}: no such entry (epoll: not in the interest list). */
    public static final int ENOENT = 2;
    /** {@code EINTR}: a signal interrupted the call. */
    public static final int EINTR = 4;
    /** {@code EBADF}: not an open descriptor. */
    public static final int EBADF = 9;
    /** {@code EAGAIN}: try again. */
    public static final int EAGAIN = 11;
    /** {@code ENOMEM}: out of memory. */
    public static final int ENOMEM = 12;
    /** {@code EBUSY}: busy (io_uring: completions to flush first). */
    public static final int EBUSY = 16;
    /** {@code EEXIST}: already there (epoll: in the interest list). */
    public static final int EEXIST = 17;
    /** {@code EINVAL}: an invalid argument. */
    public static final int EINVAL = 22;
    /** {@code ENFILE}: the system is out of files. */
    public static final int ENFILE = 23;
    /** {@code EMFILE}: the process is out of descriptors. */
    public static final int EMFILE = 24;
    /** {@code ENOSPC}: no space (epoll: {@code max_user_watches} reached). */
    public static final int ENOSPC = 28;
    /** {@code ENOSYS}: no such system call (or a seccomp filter hides it). */
    public static final int ENOSYS = 38;
    /** {@code ELOOP}: epoll fds nested too deep. */
    public static final int ELOOP = 40;
    /** {@code ETIME}: a timer expired (io_uring: a bounded wait ended). */
    public static final int ETIME = 62;
    /** {@code EOPNOTSUPP}: not supported. */
    public static final int EOPNOTSUPP = 95;
    /** {@code EALREADY}: already in progress (io_uring: a poll was completing). */
    public static final int EALREADY = 114;
    /** {@code ECANCELED}: cancelled. */
    public static final int ECANCELED = 125;

    private Errnos() {
    }

    /**
     * Names an errno for a message.
     *
     * @param errno an errno value
     * @return its symbolic name, or {@code "errno N"}
     */
    public static String name(int errno) {
        switch (errno) {
            case EPERM: return "EPERM";
            case ENOENT: return "ENOENT";
            case EINTR: return "EINTR";
            case EBADF: return "EBADF";
            case EAGAIN: return "EAGAIN";
            case ENOMEM: return "ENOMEM";
            case EBUSY: return "EBUSY";
            case EEXIST: return "EEXIST";
            case EINVAL: return "EINVAL";
            case ENFILE: return "ENFILE";
            case EMFILE: return "EMFILE";
            case ENOSPC: return "ENOSPC";
            case ENOSYS: return "ENOSYS";
            case ELOOP: return "ELOOP";
            case ETIME: return "ETIME";
            case EOPNOTSUPP: return "EOPNOTSUPP";
            case EALREADY: return "EALREADY";
            case ECANCELED: return "ECANCELED";
            default: return "errno " + errno;
        }
    }
}
