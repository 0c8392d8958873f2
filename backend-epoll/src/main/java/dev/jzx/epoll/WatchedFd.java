package dev.jzx.epoll;

/**
 * What {@link EpollBackend} knows of one descriptor number: whether the kernel holds an entry
 * for it that this backend added, and that entry's token. One per number, kept in an
 * {@link dev.jzx.spi.FdTable} and reused by every later registration of the number.
 */
final class WatchedFd {
    /** The descriptor number. */
    final int fd;
    /** Whether an entry of ours is in the interest list (added, neither deleted nor forgotten). */
    boolean added;
    /** The token of the entry. */
    int token;
    /** Armed with {@code EPOLLONESHOT} and reported since, so disarmed by the kernel. */
    boolean spent;

    /**
     * A number never added yet.
     *
     * @param fd the descriptor number
     */
    WatchedFd(int fd) {
        this.fd = fd;
    }

    @Override
    public String toString() {
        return "WatchedFd[" + fd + (added ? ", token " + token + "]" : "]");
    }
}
