package dev.jzx.iouring;

import io.netty.channel.IoHandler;
import io.netty.channel.IoRegistration;
import io.netty.channel.uring.IoUringIoHandle;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One io_uring instance, driven through Netty's {@link IoUringIoHandler} directly rather than
 * through {@code ManualIoEventLoop}: a {@code ManualIoEventLoop}'s owning thread is fixed once
 * set, while a jzx loop may be run by one thread now and another later. Driving the handler
 * also skips the executor's task queue, promise and thread-local bookkeeping on every run.
 *
 * <p>The ring is set up without {@code IORING_SETUP_SINGLE_ISSUER} (and so without
 * {@code DEFER_TASKRUN}), which would tie it to one thread for good, and it enters through its
 * real descriptor ({@link ThreadNeutralRing}). Every method except {@link #wakeup()} must be
 * called between {@link #enter()} and {@link #leave()} by the one thread using it at the time.
 */
final class Ring {
    private final CallerThread caller = new CallerThread();
    private final WaitContext wait = new WaitContext(caller);
    private final IoHandler handler;
    private boolean destroyed;
    /** Calls of {@link #run}: each enters the ring (io_uring_enter) at least once. Tests read it. */
    long runs;

    /**
     * Sets up and enables a ring.
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
            enableOnShortLivedThread();
            ThreadNeutralRing.useRealDescriptor(handler);
        } catch (Throwable t) {
            // Enabled or not, the ring descriptor is open: close it without entering the ring.
            abandon();
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            throw new IllegalStateException("io_uring ring setup failed: " + t, t);
        }
    }

    /**
     * Enables the ring on a thread that exits at once: the ring-descriptor registration Netty
     * makes while enabling lives in that thread's table and is released by its exit, so no
     * thread that keeps running holds a reference to the ring after it is closed.
     */
    private void enableOnShortLivedThread() throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                handler.initialize();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "jzx-io_uring-enable");
        t.setDaemon(true);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the join is short: finish it, then restore the flag
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException) {
            throw (RuntimeException) f;
        }
        if (f != null) {
            throw new IllegalStateException("enabling the io_uring ring failed: " + f, f);
        }
    }

    private void abandon() {
        destroyed = true;
        caller.enter();
        try {
            handler.destroy();
        } catch (Throwable ignored) {
            // best effort: the ring is unusable anyway
        } finally {
            caller.leave();
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
     * for the outstanding requests (bounded by Netty), and frees the ring, its eventfd and memory.
     */
    void destroy() {
        if (destroyed) {
            return;
        }
        destroyed = true;
        try {
            handler.prepareToDestroy();
        } finally {
            handler.destroy();
        }
    }
}
