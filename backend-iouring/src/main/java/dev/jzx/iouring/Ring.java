package dev.jzx.iouring;

import io.netty.channel.IoHandler;
import io.netty.channel.IoRegistration;
import io.netty.channel.uring.IoUringIoHandle;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;

/**
 * One io_uring instance, driven through Netty's {@link IoUringIoHandler} directly rather than
 * through {@code ManualIoEventLoop}: a {@code ManualIoEventLoop}'s owning thread is fixed once
 * set, while a jzx loop may be run by one thread now and another later. Driving the handler
 * also skips the executor's task queue, promise and thread-local bookkeeping on every run.
 *
 * <p>The ring is set up without {@code IORING_SETUP_SINGLE_ISSUER} (and so without
 * {@code DEFER_TASKRUN}), which would tie it to one thread for good, and it enters through its
 * real descriptor ({@link ThreadNeutralRing}); it is enabled and destroyed on one keeper thread
 * ({@link RingKeeper}). Every method except {@link #wakeup()} must be
 * called between {@link #enter()} and {@link #leave()} by the one thread using it at the time.
 */
final class Ring {
    private final CallerThread caller = new CallerThread();
    private final WaitContext wait = new WaitContext(caller);
    private final IoHandler handler;
    private boolean destroyed;
    /** Calls of {@link #run}: each enters the ring (io_uring_enter) at least once. Tests read it. */
    long runs;

    /** The ring's index in {@link RingKeeper}'s table of registered rings, or -1. */
    private final int registeredIndex;

    /**
     * Sets up a ring and enables it on the {@link RingKeeper} thread.
     *
     * @param sqEntries submission queue size: how many entries are written before a flush is forced
     * @param cqEntries completion queue size (a power of two, at least {@code sqEntries})
     */
    Ring(int sqEntries, int cqEntries) {
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

    /** The calling thread becomes the ring's user until {@link #leave()}. */
    void enter() {
        caller.enter();
    }

    void leave() {
        caller.leave();
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

    /** @return IORING_OP_TIMEOUT entries queued for waits with a time limit */
    long timeoutsQueued() {
        return wait.timeoutsQueued;
    }

    /** Makes a {@link #run} in progress, or the next one, return; any thread, also after {@link #destroy()}. */
    void wakeup() {
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
}
