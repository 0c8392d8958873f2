package dev.jzx.internal;

import dev.jzx.spi.PollBits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;

/**
 * An epoll instance whose wait any thread can end: an epoll fd with an eventfd in its interest
 * list, as an epoll loop and the {@code Poller}'s master both need. Opening is all or nothing.
 */
public final class WakeableEpoll {
    /** The epoll fd. */
    public final int epfd;
    /** Ends a wait by making the eventfd readable. */
    public final EventFdWaker wake;

    private WakeableEpoll(int epfd, EventFdWaker wake) {
        this.epfd = epfd;
        this.wake = wake;
    }

    /**
     * Opens the epoll fd and its eventfd, and adds the eventfd for {@code EPOLLIN}.
     *
     * @param errno    where a failure's errno goes
     * @param scratch  one {@code epoll_event} of native memory, for the {@code EPOLL_CTL_ADD}
     * @param wakeData the eventfd's {@code data}, which no other entry may have
     * @return the instance
     * @throws UncheckedIOException naming the call that failed and its errno; nothing stays open
     */
    public static WakeableEpoll open(Libc.Errno errno, MemorySegment scratch, long wakeData) {
        int epfd = EpollCalls.create(errno);
        if (epfd < 0) {
            throw failure("epoll_create1", -epfd);
        }
        EventFdWaker wake = null;
        try {
            int eventFd = Libc.eventfd(errno, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
            if (eventFd < 0) {
                throw failure("eventfd", -eventFd);
            }
            wake = new EventFdWaker(eventFd);
            EpollEvent.set(scratch, PollBits.POLLIN, wakeData);
            int failed = EpollCalls.ctl(errno, epfd, EpollCalls.CTL_ADD, eventFd, scratch);
            if (failed != 0) {
                throw failure("epoll_ctl(EPOLL_CTL_ADD) of its eventfd", failed);
            }
            return new WakeableEpoll(epfd, wake);
        } catch (RuntimeException | Error e) {
            if (wake != null) {
                wake.close();
            }
            Libc.close(epfd);
            throw e;
        }
    }

    /** Closes both: the interest list empties (the watched fds stay open); a wake-up under way touches only the eventfd. */
    public void close() {
        Libc.close(epfd);
        wake.close();
    }

    /**
     * The exception for a failed call: {@code "<call> failed: <ERRNO>"}.
     *
     * @param call  the call, as the message names it
     * @param errno its errno
     * @return the exception, to throw
     */
    public static UncheckedIOException failure(String call, int errno) {
        String message = call + " failed: " + Errnos.name(errno);
        return new UncheckedIOException(message, new IOException(message));
    }
}
