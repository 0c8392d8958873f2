package dev.jzx.iouring.netty;

import dev.jzx.iouring.Ring;
import dev.jzx.iouring.RingCompletions;
import dev.jzx.spi.FdTable;
import io.netty.channel.IoEvent;
import io.netty.channel.IoHandler;
import io.netty.channel.IoRegistration;
import io.netty.channel.uring.IoUringIoEvent;
import io.netty.channel.uring.IoUringIoHandle;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import io.netty.channel.uring.IoUringIoOps;

/**
 * The {@link Ring} of the Netty adapter: one io_uring instance, driven through Netty's
 * {@link IoUringIoHandler} directly rather than
 * through {@code ManualIoEventLoop}: a {@code ManualIoEventLoop}'s owning thread is fixed once
 * set, while a jzx loop may be run by one thread now and another later. Driving the handler
 * also skips the executor's task queue, promise and thread-local bookkeeping on every run.
 *
 * <p>The ring is set up without {@code IORING_SETUP_SINGLE_ISSUER} (and so without
 * {@code DEFER_TASKRUN}), which would tie it to one thread for good, and it enters through its
 * real descriptor ({@link ThreadNeutralRing}); it is enabled and destroyed on one keeper thread
 * ({@link RingKeeper}). Every method except {@link #wakeup()} must be
 * called between {@link #enter()} and {@link #leave()} by the one thread using it at the time.
 *
 * <p>Each fd number has one Netty registration ({@link FdHandle}), made on its first request and
 * kept until the ring closes; its completions come back through it. Netty's user_data carries
 * 16 bits of the caller's data: the backend's generations are cut to 15.
 */
public final class NettyRing implements Ring {
    private static final int GENERATION_MASK = 0x7FFF;

    private final CallerThread caller = new CallerThread();
    private final WaitContext wait = new WaitContext(caller);
    private final IoHandler handler;
    private boolean destroyed;
    /** Calls of {@link #run}: each enters the ring (io_uring_enter) at least once. Tests read it. */
    long runs;
    private final FdTable<FdHandle> handles = new FdTable<>(FdHandle::new);
    /** Where completions go during the run in progress; null outside a run. */
    private RingCompletions completions;

    /** The ring's index in {@link RingKeeper}'s table of registered rings, or -1. */
    private final int registeredIndex;

    /**
     * Sets up a ring and enables it on the {@link RingKeeper} thread.
     *
     * @param sqEntries submission queue size: how many entries are written before a flush is forced
     * @param cqEntries completion queue size (a power of two, at least {@code sqEntries})
     */
    NettyRing(int sqEntries, int cqEntries) {
        IoUringIoHandlerConfig config = new IoUringIoHandlerConfig()
                .setRingSize(sqEntries)
                .setCqSize(cqEntries)
                .setSingleIssuer(false);
        handler = IoUringIoHandler.newFactory(config).newHandler(caller);
        try {
            registeredIndex = RingKeeper.call(() -> {
                handler.initialize();
                return ThreadNeutralRing.useRealDescriptor(handler);
            });
        } catch (Throwable t) {
            // Enabled or not, the ring descriptor is open: close it without entering the ring.
            abandon();
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            throw new IllegalStateException("io_uring ring setup failed: " + t, t);
        }
    }

    /** @return whether the ring was registered in the keeper thread's table (tests: its slot is released at destroy) */
    boolean wasRegistered() {
        return registeredIndex >= 0;
    }

    private void abandon() {
        destroyed = true;
        Thread user = caller.current();
        try {
            // Netty still holds the registered index, if any: its teardown unregisters it from
            // the keeper's table, where it was registered.
            RingKeeper.call(() -> {
                caller.enter();
                try {
                    handler.destroy();
                } catch (Throwable ignored) {
                    // best effort: the ring is unusable anyway
                } finally {
                    caller.leave();
                }
                return null;
            });
        } finally {
            caller.restore(user);
        }
    }

    @Override
    public int generationMask() {
        return GENERATION_MASK;
    }

    @Override
    public void enter() {
        caller.enter();
    }

    @Override
    public void leave() {
        caller.leave();
    }

    @Override
    public long pollAdd(int fd, int events, boolean multishot, int generation) {
        return handles.slot(fd).submitPollAdd(events, multishot, generation);
    }

    @Override
    public void pollRemove(int fd, long target, int generation) {
        handles.slot(fd).submit(NettyPollOps.pollRemove(target, generation));
    }

    @Override
    public void pollUpdate(int fd, long target, int events, int generation) {
        handles.slot(fd).submit(NettyPollOps.pollUpdateEvents(target, events, generation));
    }

    @Override
    public void run(long timeoutNanos, RingCompletions sink) {
        completions = sink;
        try {
            run(timeoutNanos);
        } finally {
            completions = null;
        }
    }

    @Override
    public void close() {
        destroy();
        handles.clear();
    }

    /** @return a registration whose completions go to {@code handle}; pure bookkeeping, no system call */
    IoRegistration register(IoUringIoHandle handle) {
        try {
            return handler.register(handle);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("io_uring registration failed: " + e, e);
        }
    }

    /**
     * Submits everything queued and handles the completions (each through its handle's
     * {@code handle}); waits for one first if the queue is empty and {@code timeoutNanos} allows.
     *
     * @param timeoutNanos 0: no wait; negative: no limit; positive: at most that long
     */
    void run(long timeoutNanos) {
        runs++;
        wait.set(timeoutNanos);
        handler.run(wait);
        caller.runTasks();
    }

    @Override
    public long enters() {
        return runs;
    }

    /** @return IORING_OP_TIMEOUT entries queued for waits with a time limit (tests read it) */
    public long timeoutsQueued() {
        return wait.timeoutsQueued;
    }

    /** Makes a {@link #run} in progress, or the next one, return; any thread, also after {@link #destroy()}. */
    @Override
    public void wakeup() {
        handler.wakeup(); // after destroy Netty's wake-up gate is closed: a no-op
    }

    /**
     * Calls {@code close()} on every registration still present (each removes its polls), waits
     * for the outstanding requests (bounded by Netty), then frees the ring, its eventfd and memory
     * on the {@link RingKeeper} thread, which releases the ring's slot in its table.
     */
    void destroy() {
        if (destroyed) {
            return;
        }
        destroyed = true;
        Thread user = caller.current();
        try {
            handler.prepareToDestroy();
        } finally {
            try {
                RingKeeper.call(() -> {
                    caller.enter();
                    try {
                        ThreadNeutralRing.restoreRegisteredIndex(handler, registeredIndex);
                        handler.destroy();
                    } finally {
                        caller.leave();
                    }
                    return null;
                });
            } finally {
                caller.restore(user);
            }
        }
    }

    /**
     * One fd number's Netty registration: requests are submitted through it and its completions
     * come back to {@link #handle}, which passes them on to the run's {@link RingCompletions}.
     * It must not throw: Netty would log, sleep 100 ms and skip its outstanding-completion count.
     */
    private final class FdHandle implements IoUringIoHandle {
        private final int fd;
        private IoRegistration registration;
        /** The last POLL_ADD built, reused while its fields stay the same: level-triggered re-arms allocate nothing. */
        private IoUringIoOps pollAdd;
        private int pollAddEvents = -1;
        private boolean pollAddMultishot;
        private int pollAddGeneration = -1;

        FdHandle(int fd) {
            this.fd = fd;
        }

        long submitPollAdd(int events, boolean multishot, int generation) {
            if (pollAdd == null || pollAddEvents != events || pollAddMultishot != multishot
                    || pollAddGeneration != generation) {
                pollAdd = NettyPollOps.pollAdd(fd, events, multishot, generation);
                pollAddEvents = events;
                pollAddMultishot = multishot;
                pollAddGeneration = generation;
            }
            return submit(pollAdd);
        }

        long submit(IoUringIoOps op) {
            if (registration == null) {
                registration = register(this);
            }
            long id = registration.submit(op);
            if (id == 0) {
                throw new IllegalStateException("io_uring registration of fd " + fd + " is no longer valid");
            }
            return id;
        }

        @Override
        public void handle(IoRegistration reg, IoEvent ioEvent) {
            RingCompletions sink = completions;
            if (sink == null) {
                return; // teardown: the backend is closed
            }
            IoUringIoEvent event = (IoUringIoEvent) ioEvent;
            sink.completed(fd, event.opcode() == NettyPollOps.IORING_OP_POLL_REMOVE,
                    (int) event.userData() & GENERATION_MASK, event.res(), event.flags());
        }

        /** Loop shutdown (Netty's prepareToDestroy): the backend cancelled every poll already. */
        @Override
        public void close() {
            registration.cancel();
        }
    }
}
