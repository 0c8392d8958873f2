package dev.jzx.epoll;

import dev.jzx.spi.Availability;
import dev.jzx.spi.DrivingThread;
import dev.jzx.spi.FdTable;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.Errors;
import io.netty.util.concurrent.ThreadAwareExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * epoll through Netty's {@link EpollIoHandler} (JNI): the adapter of JDK 17 to 21, and of
 * JDK 22+ under {@code -Djzx.adapter=netty}. Netty's handler opens the epoll fd, an eventfd for
 * wake-ups and a timerfd for timeouts.
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
 * Netty keys registrations by number and keeps one per number, so there is one
 * {@link NettyEpollHandle} per number, reused. Failed adds are cancelled at once, since Netty
 * keeps them in its map otherwise; {@link #delete} cancels on the calling thread, which is
 * Netty's synchronous {@code EPOLL_CTL_DEL}; {@link #forget} cancels with the handle's
 * {@link BorrowedDescriptor} saying "not in the interest list", so Netty makes no DEL.
 *
 * <h2>Cost</h2>
 * Netty's {@code EpollIoOps.eventOf} allocates a 32-byte event for any mask it has not cached (it
 * caches only {@code IN}, {@code OUT}, {@code ERR}, {@code RDHUP} and {@code IN|OUT|ERR|RDHUP}),
 * e.g. {@code IN|HUP} at end of file or {@code IN|OUT} on a socket.
 */
final class NettyEpollAdapter implements EpollAdapter {
    private static final IoHandlerFactory FACTORY = EpollIoHandler.newFactory();

    private final PollContext context = new PollContext();
    private final Owner owner = new Owner();
    private final IoHandler handler;
    private final FdTable<NettyEpollHandle> handles = new FdTable<>(fd -> new NettyEpollHandle(fd, this));
    /** The sink of the wait in progress, or null. */
    private EpollEventSink sink;
    private volatile boolean closed;

    /** Opens Netty's handler: the epoll fd, its eventfd and timerfd. */
    NettyEpollAdapter() {
        owner.claim();
        handler = FACTORY.newHandler(owner);
        handler.initialize();
    }

    /**
     * Loading Netty's {@link Epoll} class runs its probe: load the native library, then create
     * (and close) an epoll fd and an eventfd.
     *
     * @return whether Netty's native epoll transport works here, and if not why
     * @throws LinkageError when Netty's epoll classes are not on the class path
     */
    static Availability probe() {
        if (Epoll.isAvailable()) {
            return Availability.available();
        }
        Throwable cause = Epoll.unavailabilityCause();
        return Availability.unavailable("Netty's native epoll transport is unavailable on "
                + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + Availability.innermost(cause), cause);
    }

    @Override
    public int add(int fd, int events, long tag) {
        owner.claim();
        NettyEpollHandle h = handles.slot(fd);
        IoRegistration registration = newRegistration(h);
        int errno = submit(registration, NettyOps.of(events));
        if (errno == 0) {
            h.registration = registration;
            h.tag = tag;
            h.descriptor.inInterestList(true);
            return 0;
        }
        h.descriptor.inInterestList(false); // nothing to DEL
        registration.cancel();
        return errno;
    }

    @Override
    public int modify(int fd, int events, long tag) {
        owner.claim();
        NettyEpollHandle h = handles.get(fd);
        int errno = submit(h.registration, NettyOps.of(events));
        if (errno == 0) {
            h.tag = tag;
        }
        return errno;
    }

    @Override
    public void delete(int fd) {
        // On the owner thread Netty cancels synchronously: EPOLL_CTL_DEL before this returns.
        // A failure (the fd was already closed) is logged by Netty at debug level and harmless.
        cancel(fd, true);
    }

    @Override
    public void forget(int fd) {
        cancel(fd, false);
    }

    /** Cancels {@code fd}'s registration; without {@code delete}, Netty's cancel makes no DEL. */
    private void cancel(int fd, boolean delete) {
        owner.claim();
        NettyEpollHandle h = handles.get(fd);
        IoRegistration r = h.registration;
        h.registration = null;
        if (!delete) {
            h.descriptor.inInterestList(false);
        }
        r.cancel();
    }

    @Override
    public void wait(long timeoutNanos, EpollEventSink sink) {
        owner.claim();
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
    }

    /**
     * Passes on one event of a live registration; called by {@link NettyEpollHandle#handle},
     * inside {@code handler.run}.
     *
     * @param tag    the registration's tag
     * @param events the {@code epoll_event.events} Netty read
     */
    void event(long tag, int events) {
        EpollEventSink s = sink;
        if (s != null) {
            s.event(tag, events);
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
        // Closing the epoll fd empties its interest list: no DEL per fd is needed.
        handles.forEach(h -> h.descriptor.inInterestList(false));
        try {
            handler.prepareToDestroy(); // cancels what is left and calls NettyEpollHandle.close (a no-op)
        } finally {
            handler.destroy(); // closes the epoll fd, eventfd and timerfd
            handles.clear();
        }
    }

    /** @return 0, or the errno of the failed {@code epoll_ctl} */
    private static int submit(IoRegistration registration, EpollIoOps ops) {
        try {
            registration.submit(ops);
            return 0;
        } catch (UncheckedIOException e) {
            IOException cause = e.getCause();
            if (cause instanceof Errors.NativeIoException) {
                return -((Errors.NativeIoException) cause).expectedErr();
            }
            throw e; // not from epoll_ctl: nothing to recognise
        }
    }

    private IoRegistration newRegistration(NettyEpollHandle h) {
        try {
            return handler.register(h);
        } catch (Exception e) {
            // EpollIoHandler.register only puts the handle in a map; it has no checked failure.
            throw new IllegalStateException("EpollIoHandler refused a handle for fd " + h.fd, e);
        }
    }

    /** The executor Netty's handler is bound to: the thread inside one of this adapter's methods. */
    private final class Owner extends DrivingThread implements ThreadAwareExecutor {
        Owner() {
            super(() -> wakeup());
        }
    }
}
