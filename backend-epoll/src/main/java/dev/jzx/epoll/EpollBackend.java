package dev.jzx.epoll;

import dev.jzx.Io;
import dev.jzx.spi.Backend;
import dev.jzx.spi.DrivingThread;
import dev.jzx.spi.FdTable;
import dev.jzx.spi.PollBits;
import dev.jzx.spi.ReadyBatch;
import dev.jzx.spi.ReadySink;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.Errors;
import io.netty.util.concurrent.ThreadAwareExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A level-triggered epoll instance, through Netty's {@link EpollIoHandler}.
 *
 * <h2>Driving the handler</h2>
 * The handler is driven directly ({@code IoHandler.run(IoHandlerContext)}), not through Netty's
 * {@code ManualIoEventLoop}. That loop binds one owning thread for good (its {@code run} throws
 * on any other, and a {@code register} from another thread is queued, so its result comes
 * later), whereas {@code core} hands a loop from thread to thread between runs and needs to know
 * at once whether an arm was refused. Driving the handler also gives exact timeouts (0 means
 * "do not wait" here, "forever" there), no Promise per registration, and a wake-up that is never
 * lost ({@link PollContext}); {@code ManualIoEventLoop.wakeup()} is lost when it arrives while the
 * loop is not blocked.
 *
 * <h2>Registrations</h2>
 * One {@link WatchedFd} per descriptor number, reused. {@link #register} tries
 * {@code EPOLL_CTL_MOD} first when it holds a registration for the number: that succeeds only if
 * the kernel's entry is for the file the number names now; {@code ENOENT} (the old file was
 * closed and the number reused), {@code EBADF} or {@code EPERM} mean it is not, and the number is
 * added afresh. Failed adds are cancelled at once, since Netty keeps them in its map otherwise.
 * {@link #deregister} cancels on the calling thread, which is Netty's synchronous
 * {@code EPOLL_CTL_DEL}: when it returns the kernel no longer reports the fd, even if a
 * {@code dup} of it is open elsewhere (the entry belongs to the open file description, not to the
 * number, and is removed only by DEL or by the file's last close).
 *
 * <h2>Errors from {@code epoll_ctl}</h2>
 * {@code EPERM} (regular files, directories, some devices: the file has no poll method, so poll(2)
 * calls it always ready) gives {@link #ALWAYS_READY}. {@code EBADF} (closed), {@code EINVAL} (the
 * epoll fd itself), {@code ELOOP} (an epoll fd that would nest too deep) and {@code EEXIST} (the
 * number is one of the handler's own eventfd and timerfd, which are in the interest list without
 * a registration of ours) are refusals, reported as {@link #DROPPED} by the next {@link #poll}. Anything else ({@code ENOMEM}, {@code ENOSPC}
 * when {@code /proc/sys/fs/epoll/max_user_watches} is reached) is thrown as
 * {@link UncheckedIOException}.
 *
 * <h2>Known limit</h2>
 * If a watched fd is closed without being unwatched while a {@code dup} of it stays open (in this
 * process or another), the kernel keeps its entry, tagged with the old number, and no
 * {@code epoll_ctl} can reach it any more (epoll(7), "Questions and answers", 6). Its events then
 * arrive under that number until the last duplicate is closed. Unwatch before closing.
 *
 * <h2>Cost</h2>
 * Per ready fd the hot path (poll to sink) takes no lock and allocates nothing of ours; Netty's
 * {@code EpollIoOps.eventOf} allocates a 32-byte event for any mask it has not cached (it caches
 * only {@code IN}, {@code OUT}, {@code ERR}, {@code RDHUP} and {@code IN|OUT|ERR|RDHUP}), e.g.
 * {@code IN|HUP} at end of file or {@code IN|OUT} on a socket.
 */
final class EpollBackend implements Backend {
    private static final int EPERM = 1;
    private static final int ENOENT = 2;
    private static final int EBADF = 9;
    private static final int EEXIST = 17;
    private static final int EINVAL = 22;
    private static final int ENOSPC = 28;
    private static final int ELOOP = 40;

    private static final IoHandlerFactory FACTORY = EpollIoHandler.newFactory();

    private final PollContext context = new PollContext();
    private final Owner owner = new Owner();
    private final IoHandler handler;
    /** Refusals found while arming, reported by the next poll. */
    private final ReadyBatch refusals = new ReadyBatch();
    private final FdTable<WatchedFd> watched = new FdTable<>(fd -> new WatchedFd(fd, this));
    /** The sink of the poll in progress, or null. */
    private ReadySink sink;
    /** What the sink threw during the poll in progress: rethrown once Netty is done. */
    private Throwable sinkFailure;
    /** The exception of the last failed {@code epoll_ctl}, for the message when it is thrown. */
    private IOException lastCtlFailure;
    private volatile boolean closed;

    private EpollBackend() {
        owner.claim();
        handler = FACTORY.newHandler(owner); // opens the epoll fd, its eventfd and timerfd
        handler.initialize();
    }

    /** @return a new epoll instance; the native library must be available */
    static EpollBackend open() {
        return new EpollBackend();
    }

    @Override
    public int register(int fd, int interest, int token) {
        owner.claim();
        WatchedFd w = watched.slot(fd);
        EpollIoOps ops = EpollEvents.ops(interest);
        if (w.registration != null) {
            int errno = modify(w, ops);
            if (errno == 0) {
                w.token = token;
                w.interest = interest;
                return ARMED;
            }
            if (errno != ENOENT && errno != EBADF && errno != EPERM) {
                throw failure("EPOLL_CTL_MOD", fd, interest, errno); // the registration is as it was
            }
            // The number no longer names the registered file: the kernel dropped that entry when
            // the file was closed (or it is out of reach, see "Known limit"). Add the new file.
            forget(w);
        }
        return add(w, ops, interest, token);
    }

    private int add(WatchedFd w, EpollIoOps ops, int interest, int token) {
        IoRegistration registration = newRegistration(w);
        int errno = submit(registration, ops);
        if (errno == 0) {
            w.registration = registration;
            w.token = token;
            w.interest = interest;
            w.descriptor.inInterestList(true);
            return ARMED;
        }
        w.descriptor.inInterestList(false); // nothing to DEL
        registration.cancel();
        switch (errno) {
            case EPERM:
                return ALWAYS_READY;
            case EBADF:
            case EINVAL:
            case ELOOP:
            case EEXIST:
                refusals.ready(w.fd, token, Io.ERROR | DROPPED);
                return ARMED;
            default:
                throw failure("EPOLL_CTL_ADD", w.fd, interest, errno);
        }
    }

    @Override
    public void reregister(int fd, int interest, int token) {
        owner.claim();
        WatchedFd w = watched.get(fd);
        if (w == null || w.registration == null) {
            refusals.ready(fd, token, Io.ERROR | DROPPED);
            return;
        }
        int errno = modify(w, EpollEvents.ops(interest));
        if (errno == 0) {
            w.interest = interest;
            return;
        }
        if (errno == ENOENT || errno == EBADF || errno == EPERM) {
            forget(w); // closed, or its number now names another file
            refusals.ready(fd, token, Io.ERROR | DROPPED);
            return;
        }
        throw failure("EPOLL_CTL_MOD", fd, interest, errno);
    }

    @Override
    public void deregister(int fd) {
        owner.claim();
        WatchedFd w = watched.get(fd);
        if (w != null && w.registration != null) {
            IoRegistration r = w.registration;
            w.registration = null;
            w.token = 0;
            // On the owner thread Netty cancels synchronously: EPOLL_CTL_DEL before this returns.
            // A failure (the fd was already closed) is logged by Netty at debug level and harmless.
            r.cancel();
        }
    }

    @Override
    public void poll(long timeoutNanos, ReadySink sink) {
        owner.claim();
        if (refusals.hasNext()) {
            refusals.drainTo(sink);
            timeoutNanos = 0;
        }
        context.prepare(timeoutNanos);
        this.sink = sink;
        try {
            handler.run(context);
            if (context.waitSkipped()) {
                context.prepare(0); // a wake-up raced the wait: look once, without waiting
                handler.run(context);
            }
        } finally {
            this.sink = null;
        }
        owner.runDeferred();
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
     * Called by {@link WatchedFd#handle} for each ready fd, inside {@code handler.run}. Never
     * throws: Netty would log it and sleep for a second, dropping the rest of the batch.
     */
    void record(int fd, int token, int interest, int events) {
        ReadySink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.ready(fd, token, PollBits.readiness(events, interest));
        } catch (RuntimeException | Error e) {
            if (sinkFailure == null) {
                sinkFailure = e;
            } else if (sinkFailure != e) {
                sinkFailure.addSuppressed(e);
            }
        }
    }

    @Override
    public void wakeup() {
        if (closed) {
            return;
        }
        context.requestWakeup();
        // Writes the eventfd only if the handler is blocked (or about to block) in epoll_wait on
        // another thread; Netty itself makes sure such a write lands before the eventfd is closed.
        handler.wakeup();
    }

    @Override
    public void close() {
        owner.claim();
        closed = true;
        refusals.clear();
        // Closing the epoll fd empties its interest list: no DEL per fd is needed.
        watched.forEach(w -> w.descriptor.inInterestList(false));
        try {
            handler.prepareToDestroy(); // cancels what is left and calls WatchedFd.close (a no-op)
        } finally {
            handler.destroy(); // closes the epoll fd, eventfd and timerfd
            watched.clear();
        }
    }

    /** Drops the registration without a DEL: the kernel holds nothing reachable for it. */
    private static void forget(WatchedFd w) {
        IoRegistration r = w.registration;
        w.registration = null;
        w.token = 0;
        w.descriptor.inInterestList(false);
        r.cancel();
    }

    private int modify(WatchedFd w, EpollIoOps ops) {
        return submit(w.registration, ops);
    }

    /** @return 0, or the errno of the failed {@code epoll_ctl}, whose exception is kept in {@link #lastCtlFailure} */
    private int submit(IoRegistration registration, EpollIoOps ops) {
        try {
            registration.submit(ops);
            return 0;
        } catch (UncheckedIOException e) {
            lastCtlFailure = e.getCause();
            return lastCtlFailure instanceof Errors.NativeIoException
                    ? -((Errors.NativeIoException) lastCtlFailure).expectedErr()
                    : Integer.MAX_VALUE; // not from epoll_ctl: nothing to recognise, so it is thrown
        }
    }

    private IoRegistration newRegistration(WatchedFd w) {
        try {
            return handler.register(w);
        } catch (Exception e) {
            // EpollIoHandler.register only puts the handle in a map; it has no checked failure.
            throw new IllegalStateException("EpollIoHandler refused a handle for fd " + w.fd, e);
        }
    }

    private UncheckedIOException failure(String op, int fd, int interest, int errno) {
        IOException cause = lastCtlFailure;
        lastCtlFailure = null;
        return new UncheckedIOException("epoll_ctl(" + op + ") of fd " + fd + " for " + Io.toString(interest)
                + " failed" + (errno == ENOSPC ? " (ENOSPC: /proc/sys/fs/epoll/max_user_watches reached)" : "")
                + ": " + (cause == null ? "errno " + errno : cause.getMessage()), cause);
    }

    /** The executor Netty's handler is bound to: the thread inside one of this backend's methods. */
    private final class Owner extends DrivingThread implements ThreadAwareExecutor {
        Owner() {
            super(() -> wakeup());
        }
    }
}
