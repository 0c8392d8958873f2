package dev.jzx.epoll;

import io.netty.channel.unix.FileDescriptor;

/**
 * A user's descriptor number as Netty's {@link FileDescriptor}, which this library never closes.
 *
 * <p>{@link #isOpen()} is what Netty's {@code EpollIoHandler} asks, when a registration is
 * cancelled, to decide whether to {@code EPOLL_CTL_DEL} the number: Netty otherwise only knows
 * about descriptors it closed itself. Here it answers whether the kernel's interest list may hold
 * an entry for the file the number names now, so a cancel after a failed add, or of a
 * registration the kernel has already forgotten, costs no system call.
 */
final class BorrowedDescriptor extends FileDescriptor {
    private boolean inInterestList;

    /**
     * The number, not yet in the interest list.
     *
     * @param fd the user's descriptor number
     */
    BorrowedDescriptor(int fd) {
        super(fd);
    }

    /**
     * Says whether the kernel may hold an entry for the number's file: Netty makes a DEL on cancel only if so.
     *
     * @param listed whether it may
     */
    void inInterestList(boolean listed) {
        inInterestList = listed;
    }

    @Override
    public boolean isOpen() {
        return inInterestList;
    }

    /** Does nothing: the descriptor belongs to the user. */
    @Override
    public void close() {
    }
}
