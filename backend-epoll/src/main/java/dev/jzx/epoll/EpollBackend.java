package dev.jzx.epoll;

import dev.jzx.Io;
import dev.jzx.internal.Errnos;
import dev.jzx.spi.Backend;
import dev.jzx.spi.FdTable;
import dev.jzx.spi.PollBits;
import dev.jzx.spi.ReadyBatch;
import dev.jzx.spi.ReadySink;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A level-triggered epoll instance: the backend's logic, written once over an
 * {@link EpollAdapter} (Netty's native transport, or {@code java.lang.foreign} on JDK 22+).
 *
 * <h2>Registrations</h2>
 * One {@link WatchedFd} per descriptor number, reused. {@link #register} tries
 * {@code EPOLL_CTL_MOD} first when it holds an entry for the number: that succeeds only if the
 * kernel's entry is for the file the number names now; {@code ENOENT} (the old file was closed
 * and the number reused), {@code EBADF} or {@code EPERM} mean it is not, and the number is added
 * afresh. {@link #deregister} is {@code EPOLL_CTL_DEL} on the calling thread: when it returns the
 * kernel no longer reports the fd, even if a {@code dup} of it is open elsewhere (the entry
 * belongs to the open file description, not to the number, and is removed only by DEL or by the
 * file's last close). A {@link #registerOneShot} entry is armed with {@code EPOLLONESHOT}; once
 * reported it is disarmed, reports nothing more, and its deregister leaves it in the interest
 * list without a DEL, so that the next register of the number is one MOD (a {@code Poller}'s
 * wait costs one {@code epoll_ctl}, as the JDK's own). A disarmed entry whose file is closed goes
 * with the file.
 *
 * <h2>Errors from {@code epoll_ctl}</h2>
 * {@code EPERM} (regular files, directories, some devices: the file has no poll method, so poll(2)
 * calls it always ready) gives {@link #ALWAYS_READY}. {@code EBADF} (closed), {@code EINVAL} (the
 * epoll fd itself), {@code ELOOP} (an epoll fd that would nest too deep) and {@code EEXIST} (the
 * number is the adapter's own eventfd, or Netty's timerfd, which are in the interest list without
 * an entry of ours) are refusals, reported as {@link #DROPPED} by the next {@link #poll}. Anything
 * else ({@code ENOMEM}, {@code ENOSPC} when {@code /proc/sys/fs/epoll/max_user_watches} is reached)
 * is thrown as {@link UncheckedIOException}.
 *
 * <h2>Known limit</h2>
 * If a watched fd is closed without being unwatched while a {@code dup} of it stays open (in this
 * process or another), the kernel keeps its entry, tagged with the old number, and no
 * {@code epoll_ctl} can reach it any more (epoll(7), "Questions and answers", 6). Its events then
 * arrive under that number, with the token of the registration that is gone, until the last
 * duplicate is closed: {@code core} discards them, but the entry costs the kernel a look per
 * wait while the file is ready. Through Netty, which keys events by number, they arrive under the
 * number's current registration, if any. Unwatch before closing.
 *
 * <h2>Tags</h2>
 * An entry's tag (see {@link EpollAdapter}) is its token, the fd number, and whether it is
 * one-shot: an event says which registration it is for without a lookup. Only a one-shot event
 * looks its entry up, to mark it disarmed.
 *
 * <h2>Cost</h2>
 * Per ready fd the hot path (poll to sink) takes no lock and allocates nothing of ours: a shift
 * and a mask or two to read the tag, and a branch-free translation ({@link PollBits#readiness(int)};
 * epoll returns only the events asked for). What the adapter costs is its own (see
 * {@link NettyEpollAdapter}; the FFM adapter allocates nothing).
 */
final class EpollBackend implements Backend {
    /** {@code EPOLLONESHOT}. */
    private static final int EPOLLONESHOT = 1 << 30;
    /** The tag bit of a one-shot entry; no fd number reaches it, so a tag is never -1. */
    private static final long ONE_SHOT_TAG = 1L << 31;
    /** The tag bits of the fd number. */
    private static final long FD_TAG = ONE_SHOT_TAG - 1;

    private final EpollAdapter kernel;
    /** Refusals found while arming, reported by the next poll. */
    private final ReadyBatch refusals = new ReadyBatch();
    private final FdTable<WatchedFd> watched = new FdTable<>(WatchedFd::new);
    /** Made once: the adapter calls it per event. */
    private final EpollEventSink recorder = new EpollEventSink() {
        @Override
        public void waitReturned() {
            sink.waitOver();
        }

        @Override
        public void event(long tag, int events) {
            record(tag, events);
        }
    };
    /** The sink of the poll in progress, or null. */
    private ReadySink sink;
    /** What the sink threw during the poll in progress: rethrown once the adapter's wait is done. */
    private Throwable sinkFailure;

    /**
     * The logic over an open instance.
     *
     * @param kernel the epoll instance, owned from now on
     */
    EpollBackend(EpollAdapter kernel) {
        this.kernel = kernel;
    }

    /**
     * Opens an instance the way the provider does (for tests).
     *
     * @return a new epoll instance through the adapter {@link EpollBackendProvider} chooses
     * @throws IllegalStateException when that adapter is unavailable here, with the cause
     */
    static EpollBackend open() {
        return new EpollBackendProvider().openBackend();
    }

    @Override
    public int register(int fd, int interest, int token) {
        return arm(fd, interest, token, false);
    }

    /** With {@code EPOLLONESHOT} where the adapter takes it: a report disarms, and the DEL that follows is left out. */
    @Override
    public int registerOneShot(int fd, int interest, int token) {
        return arm(fd, interest, token, kernel.oneShot());
    }

    private int arm(int fd, int interest, int token, boolean oneShot) {
        WatchedFd w = watched.slot(fd);
        int events = events(interest, oneShot);
        long tag = tag(fd, token, oneShot);
        if (w.added) {
            int errno = kernel.modify(fd, events, tag);
            if (errno == 0) {
                armed(w, token);
                return ARMED;
            }
            if (!entryGone(errno)) {
                throw failure("EPOLL_CTL_MOD", fd, interest, errno); // the registration is as it was
            }
            // The number no longer names the registered file: the kernel dropped that entry when
            // the file was closed (or it is out of reach, see "Known limit"). Add the new file.
            forget(w);
        }
        int errno = kernel.add(fd, events, tag);
        if (errno == 0) {
            w.added = true;
            armed(w, token);
            return ARMED;
        }
        switch (errno) {
            case Errnos.EPERM:
                return ALWAYS_READY;
            case Errnos.EBADF:
            case Errnos.EINVAL:
            case Errnos.ELOOP:
            case Errnos.EEXIST:
                refuse(fd, token);
                return ARMED;
            default:
                throw failure("EPOLL_CTL_ADD", fd, interest, errno);
        }
    }

    @Override
    public void reregister(int fd, int interest, int token) {
        rearm(fd, interest, token, false);
    }

    @Override
    public void reregisterOneShot(int fd, int interest, int token) {
        rearm(fd, interest, token, kernel.oneShot());
    }

    private void rearm(int fd, int interest, int token, boolean oneShot) {
        WatchedFd w = watched.get(fd);
        if (w == null || !w.added || w.token == 0) { // never registered, or deregistered (kept disarmed)
            refuse(fd, token);
            return;
        }
        int errno = kernel.modify(fd, events(interest, oneShot), tag(fd, token, oneShot));
        if (errno == 0) {
            armed(w, token);
            return;
        }
        if (entryGone(errno)) {
            forget(w); // closed, or its number now names another file
            refuse(fd, token);
            return;
        }
        throw failure("EPOLL_CTL_MOD", fd, interest, errno);
    }

    @Override
    public void deregister(int fd) {
        WatchedFd w = watched.get(fd);
        if (w != null && w.added && w.token != 0) {
            w.token = 0;
            if (w.spent) {
                return; // a one-shot entry its report disarmed: it stays, for the next register's MOD
            }
            w.added = false;
            kernel.delete(fd); // EPOLL_CTL_DEL before this returns
        }
    }

    @Override
    public void poll(long timeoutNanos, ReadySink sink) {
        if (refusals.hasNext()) {
            refusals.drainTo(sink);
            timeoutNanos = 0;
        }
        this.sink = sink;
        try {
            kernel.wait(timeoutNanos, recorder);
        } finally {
            this.sink = null;
        }
        Throwable failed = sinkFailure;
        if (failed != null) {
            sinkFailure = null;
            if (failed instanceof Error) {
                throw (Error) failed;
            }
            throw (RuntimeException) failed;
        }
    }

    /**
     * One event from the adapter's wait. Never throws, even if the sink breaks its word: the
     * adapter's batch would be cut short (and Netty would log and sleep), so what the sink throws
     * is kept and rethrown by {@link #poll} once the wait is done.
     */
    private void record(long tag, int events) {
        int fd = (int) (tag & FD_TAG);
        int token = (int) (tag >>> 32);
        if ((tag & ONE_SHOT_TAG) != 0) {
            WatchedFd w = watched.get(fd);
            if (w == null || w.token != token) {
                return; // deregistered or registered again since: its report is stale
            }
            w.spent = true; // the report disarmed it
        }
        try {
            sink.ready(fd, token, PollBits.readiness(events));
        } catch (RuntimeException | Error e) {
            if (sinkFailure == null) {
                sinkFailure = e;
            } else if (sinkFailure != e) {
                sinkFailure.addSuppressed(e);
            }
        }
    }

    @Override
    public int descriptor() {
        return kernel.descriptor();
    }

    /** {@return whether the adapter's wait lets its sink change entries: the FFM adapter's does} */
    @Override
    public boolean reentrantPoll() {
        return kernel.reentrant();
    }

    /** {@return false: {@code epoll_ctl} takes effect before it returns} */
    @Override
    public boolean changesWaitForPoll() {
        return false;
    }

    private static void armed(WatchedFd w, int token) {
        w.token = token;
        w.spent = false;
    }

    private static int events(int interest, boolean oneShot) {
        return PollBits.events(interest) | (oneShot ? EPOLLONESHOT : 0);
    }

    private static long tag(int fd, int token, boolean oneShot) {
        return (long) token << 32 | (oneShot ? ONE_SHOT_TAG : 0) | fd;
    }

    /** Keeps a refusal for the next poll, and makes the descriptor readable so that one comes. */
    private void refuse(int fd, int token) {
        refusals.ready(fd, token, Io.ERROR | DROPPED);
        kernel.wakeup();
    }

    @Override
    public void wakeup() {
        kernel.wakeup();
    }

    @Override
    public void close() {
        refusals.clear();
        try {
            kernel.close(); // closing the epoll fd empties its interest list: no DEL per fd is needed
        } finally {
            watched.clear();
        }
    }

    /**
     * @param errno a failed {@code EPOLL_CTL_MOD}'s
     * @return whether it says the kernel holds no entry for the file the number names now: the
     *         file was closed ({@code EBADF}), its number names another file ({@code ENOENT}), or
     *         one the kernel cannot poll ({@code EPERM})
     */
    private static boolean entryGone(int errno) {
        return errno == Errnos.ENOENT || errno == Errnos.EBADF || errno == Errnos.EPERM;
    }

    /** Drops the entry without a DEL: the kernel holds nothing reachable for it. */
    private void forget(WatchedFd w) {
        w.added = false;
        w.token = 0;
        kernel.forget(w.fd);
    }

    private static UncheckedIOException failure(String op, int fd, int interest, int errno) {
        String message = "epoll_ctl(" + op + ") of fd " + fd + " for " + Io.toString(interest) + " failed: "
                + Errnos.name(errno)
                + (errno == Errnos.ENOSPC ? " (/proc/sys/fs/epoll/max_user_watches reached)" : "");
        return new UncheckedIOException(message, new IOException(message));
    }
}
