package dev.jzx.iouring.netty;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one daemon thread of this JVM that enables and destroys every ring of this backend.
 *
 * <p>Why one thread: enabling a ring makes Netty register the ring's descriptor in the
 * <em>enabling thread's</em> table of registered rings ({@code IORING_REGISTER_RING_FDS}, 16
 * slots per thread), and that registration holds a reference to the ring until it is
 * unregistered from the same thread's table, or that thread exits. A ring enabled and
 * destroyed on this thread has its slot released at destroy ({@link ThreadNeutralRing#restoreRegisteredIndex}
 * hands Netty's teardown the index to unregister), so no thread that keeps running holds a
 * ring after its loop is closed, and no thread is started per loop (starting and joining one
 * cost more than the whole ring setup here). Loops themselves are entered through the ring's
 * real descriptor from any thread ({@link ThreadNeutralRing}).
 */
final class RingKeeper {
    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jzx-io_uring-rings");
        t.setDaemon(true);
        return t;
    });

    private RingKeeper() {
    }

    /**
     * Runs {@code task} on the keeper thread and waits for it. An interrupt of the caller does
     * not abandon the task (it is short): the wait is finished and the interrupt status restored.
     */
    static <T> T call(Callable<T> task) {
        Future<T> f = THREAD.submit(task);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException) {
                        throw (RuntimeException) c;
                    }
                    if (c instanceof Error) {
                        throw (Error) c;
                    }
                    throw new IllegalStateException("io_uring ring task failed: " + c, c);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
