package dev.jzx.epoll;

import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoEvent;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.unix.FileDescriptor;

/**
 * One descriptor number's handle in Netty's {@code EpollIoHandler}. Netty keys registrations
 * by number and keeps only one per number (a second one silently replaces the first, or trips an
 * assertion under {@code -ea}), so {@link NettyEpollAdapter} makes exactly one of these per
 * number, reuses it for every registration of that number, and cancels the previous registration
 * before making another.
 *
 * <p>{@link #handle} runs inside {@code epoll_wait} processing: it only passes the event on,
 * because Netty logs and then sleeps a whole second when a handle throws.
 */
final class NettyEpollHandle implements EpollIoHandle {
    /** The descriptor number. */
    final int fd;
    /** The number as Netty's descriptor, which this library never closes. */
    final BorrowedDescriptor descriptor;
    private final NettyEpollAdapter adapter;
    /** The live registration, or null. */
    IoRegistration registration;
    /** The tag of the entry: what its events report. */
    long tag;

    /**
     * The handle of one number, without a registration yet.
     *
     * @param fd      the descriptor number
     * @param adapter where events go
     */
    NettyEpollHandle(int fd, NettyEpollAdapter adapter) {
        this.fd = fd;
        this.descriptor = new BorrowedDescriptor(fd);
        this.adapter = adapter;
    }

    @Override
    public FileDescriptor fd() {
        return descriptor;
    }

    @Override
    public void handle(IoRegistration from, IoEvent event) {
        if (from == registration) { // anything else is a cancelled registration's: stale
            adapter.event(tag, ((EpollIoEvent) event).ops().value());
        }
    }

    /** Called by Netty when the handler is destroyed; the descriptor is the user's, so nothing to do. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "NettyEpollHandle[" + fd + (registration == null ? "]" : ", registered]");
    }
}
