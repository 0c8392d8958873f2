package dev.jzx.kqueue;

import dev.jzx.spi.Backend;
import dev.jzx.Io;
import dev.jzx.spi.DrivingThread;
import dev.jzx.spi.FdTable;
import dev.jzx.spi.ReadyBatch;
import dev.jzx.spi.ReadySink;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.channel.kqueue.KQueueIoHandler;
import io.netty.util.concurrent.ThreadAwareExecutor;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A level-triggered kqueue, through Netty's {@link KQueueIoHandler}: {@code EVFILT_READ} and
 * {@code EVFILT_WRITE} added with {@code EV_ADD} (no {@code EV_CLEAR}, so level-triggered, as
 * poll(2)) and removed with {@code EV_DELETE}.
 *
 * <h2>Driving the handler</h2>
 * Directly, for the reasons given in the epoll backend: {@code ManualIoEventLoop} binds one
 * thread for good while core hands a loop between threads, and {@code 0} means "forever" there.
 * The handler's {@code submit} appends to its change list only on what it believes is its own
 * thread, so the executor given to it names whichever thread is inside a method of this backend.
 *
 * <h2>Regular files</h2>
 * kqueue's read filter on a vnode "returns when the file pointer is not at the end of file;
 * data contains the offset from current position to end of file, and may be negative"
 * (kqueue(2), macOS and FreeBSD): a file read to its end is not readable, unlike poll(2), for
 * which a regular file is always ready. The write filter on vnodes is not documented on macOS
 * and differs among the BSDs. So regular files and directories are not given to kqueue:
 * {@link #register} recognises them with {@code stat} of {@code /dev/fd/N} ({@link FileKind})
 * and answers {@link #ALWAYS_READY}, and core reports them ready for their whole interest on
 * every run, as contract item 7 (docs/contract.md) asks. (macOS's {@code EV_POLL} and FreeBSD's
 * {@code NOTE_FILE_POLL} would ask the read filter for poll(2) semantics, but neither exists on
 * the other system, nor for writes.)
 *
 * <h2>Refusals</h2>
 * kqueue reports a change it refuses as an {@code EV_ERROR} entry in the event list, and Netty's
 * handler skips those: a refused arm would just stay silent. So {@link #register} checks the
 * number with {@link FileKind} first: not open is a refusal, reported as {@link #DROPPED} by the
 * next {@link #poll}. What it cannot see (a
 * device kqueue does not support, an fd closed between watch and the next poll) stays silent.
 * Also refused: fd 0, because Netty reserves kevent ident 0 for its wake-up event and rejects
 * any handle with that ident; the refusal is reported as for a closed fd ({@code ERROR}, then
 * unwatched) and logged at WARNING with the way around it ({@link #FD_0_REFUSED}). Not lifted
 * by watching a {@code dup} of fd 0 behind the user's back: the copy would keep the file alive
 * after the user closed fd 0, and events of the old file would reach a reused number.
 *
 * <h2>Netty's change list</h2>
 * Changes reach the kernel with the next {@code kevent}. In 4.2.18 the change list cannot
 * grow correctly past its 4096 entries ({@code KQueueEventArray.realloc} keeps the old capacity
 * and copies bytes instead of kevents), so this backend flushes it with a non-blocking run
 * before it gets near that. The events such a flush collects are dropped: level-triggered
 * knotes stay active and are reported again by the next poll.
 *
 * <h2>Deregistration and fd reuse</h2>
 * {@link #deregister} queues {@code EV_DELETE} for the fd's filters. They reach the kernel at
 * the start of the next {@code kevent}, before it collects anything, so nothing is reported for
 * the fd afterwards (and what an earlier batch holds, core drops by token). close(2) removes a
 * descriptor's knotes, so a number closed and reused holds none of the old file's; a new watch
 * adds its filters again ({@code EV_ADD} is also how an existing knote is modified). Knotes
 * belong to the number, not to the open file, so a dup open elsewhere keeps nothing alive.
 */
final class KqueueBackend implements Backend {
    private static final System.Logger LOG = System.getLogger("dev.jzx");
    /** What a user watching fd 0 is told (besides the ERROR report). */
    static final String FD_0_REFUSED = "the kqueue backend cannot watch fd 0: Netty 4.2 reserves kevent ident 0"
            + " for its wake-up event; fd 0 is reported once with ERROR and unwatched. Watch a dup(0) instead, or"
            + " use another backend (docs/faults.md)";
    /** Netty's wake-up event uses ident 0, and its {@code register} refuses any other use of it. */
    private static final int NETTY_WAKEUP_IDENT = 0;
    /** Below Netty's 4096-entry change list, with room for one register's two changes. */
    static final int MAX_PENDING_CHANGES = 4000;

    private static final IoHandlerFactory FACTORY = KQueueIoHandler.newFactory();

    private final PollContext context = new PollContext();
    private final PollContext flushContext = new PollContext();
    private final ReadyRecorder recorder = new ReadyRecorder();
    private final Owner owner = new Owner();
    private final IoHandler handler;
    /**
     * Wake-ups share it, {@link #close()} takes it alone: the kqueue is never freed while a
     * trigger is on its way to it (its number could be reused by then), and close waits for such
     * a trigger by parking, not spinning.
     */
    private final ReentrantReadWriteLock wakeGuard = new ReentrantReadWriteLock();
    private final boolean devFdUsable;
    private final FdTable<WatchedFd> watched;
    /** Refusals found while arming, reported by the next poll. */
    private final ReadyBatch refusals = new ReadyBatch();
    private int pendingChanges;
    private volatile boolean closed;

    private KqueueBackend(boolean devFdUsable) {
        this.devFdUsable = devFdUsable;
        this.watched = new FdTable<>(fd -> new WatchedFd(fd, recorder));
        owner.claim();
        flushContext.prepare(0);
        handler = FACTORY.newHandler(owner); // opens the kqueue and adds its EVFILT_USER wake-up
        handler.initialize();
    }

    /**
     * @param devFdUsable whether {@link FileKind} can be trusted here (see {@link FileKind#reflects})
     * @return a new kqueue; the native library must be available
     */
    static KqueueBackend open(boolean devFdUsable) {
        return new KqueueBackend(devFdUsable);
    }

    @Override
    public int register(int fd, int interest, int token) {
        owner.claim();
        if (fd == NETTY_WAKEUP_IDENT) {
            LOG.log(System.Logger.Level.WARNING, FD_0_REFUSED);
            refusals.ready(fd, token, Io.ERROR | DROPPED);
            return ARMED;
        }
        FileKind kind = devFdUsable ? FileKind.of(fd) : FileKind.UNKNOWN;
        if (kind == FileKind.CLOSED || kind == FileKind.ALWAYS_READY) {
            WatchedFd w = watched.get(fd);
            if (w != null) {
                w.forget(); // whatever it had went with the file that was closed
            }
            if (kind == FileKind.CLOSED) {
                refusals.ready(fd, token, Io.ERROR | DROPPED);
                return ARMED;
            }
            return ALWAYS_READY;
        }
        WatchedFd w = watched.slot(fd);
        if (w.registration == null) {
            w.registration = newRegistration(w);
        }
        changed(w.arm(interest, true));
        w.token = token;
        return ARMED;
    }

    @Override
    public void reregister(int fd, int interest, int token) {
        owner.claim();
        WatchedFd w = watched.get(fd);
        if (w == null || w.registration == null) {
            refusals.ready(fd, token, Io.ERROR | DROPPED);
            return;
        }
        changed(w.arm(interest, false));
    }

    @Override
    public void deregister(int fd) {
        owner.claim();
        WatchedFd w = watched.get(fd);
        if (w != null && w.registration != null) {
            changed(w.disarm());
        }
    }

    private void changed(int changes) {
        pendingChanges += changes;
        if (pendingChanges >= MAX_PENDING_CHANGES) {
            handler.run(flushContext); // recorder has no sink: what it collects is dropped
            pendingChanges = 0;
            owner.runDeferred();
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
        recorder.use(sink);
        try {
            handler.run(context); // applies the pending changes, then waits
        } finally {
            recorder.use(null);
            pendingChanges = 0;
        }
        owner.runDeferred();
        recorder.rethrow();
    }

    @Override
    public void wakeup() {
        Lock shared = wakeGuard.readLock();
        shared.lock();
        try {
            if (!closed) {
                context.requestWakeup();
                handler.wakeup();
            }
        } finally {
            shared.unlock();
        }
    }

    @Override
    public void close() {
        owner.claim();
        Lock alone = wakeGuard.writeLock();
        alone.lock(); // waits for wake-ups in progress; later ones see closed
        try {
            closed = true;
        } finally {
            alone.unlock();
        }
        refusals.clear();
        try {
            handler.prepareToDestroy(); // flushes the change list, cancels every registration
        } finally {
            handler.destroy(); // closes the kqueue
            watched.clear();
        }
    }

    private IoRegistration newRegistration(WatchedFd w) {
        try {
            return handler.register(w);
        } catch (Exception e) {
            // KQueueIoHandler.register only refuses ident 0, which is never asked for.
            throw new IllegalStateException("KQueueIoHandler refused a handle for fd " + w.fd, e);
        }
    }

    /** The executor Netty's handler is bound to: the thread inside one of this backend's methods. */
    private final class Owner extends DrivingThread implements ThreadAwareExecutor {
        Owner() {
            super(() -> wakeup());
        }
    }
}
