package dev.jzx.spi;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Which thread drives a backend right now, in the shape event-loop libraries ask for it
 * ({@code isExecutorThread(Thread)}, {@code execute(Runnable)}: Netty's
 * {@code ThreadAwareExecutor}). {@code core} hands a loop from thread to thread between runs
 * (one at a time), and a library asks on every submit, cancel and wake-up whether the caller
 * may touch the kernel object directly: the answer follows whichever thread is inside the
 * backend. A backend on such a library declares
 * {@code final class Owner extends DrivingThread implements ThreadAwareExecutor} and calls
 * {@link #claim()} at the top of each method.
 *
 * <p>Work a library hands over from another thread (not expected when only the driving thread
 * submits) is kept for {@link #runDeferred()}, and {@code onDeferred} is told, so a blocked
 * wait can be woken to run it.
 */
public class DrivingThread {
    /** The thread inside a backend call; read by other threads in {@code wakeup}. */
    private volatile Thread current;
    private final Queue<Runnable> deferred = new ConcurrentLinkedQueue<>();
    private final Runnable onDeferred;

    /**
     * No thread drives the backend yet.
     *
     * @param onDeferred called after work is handed over from another thread (a wake-up), or a no-op
     */
    public DrivingThread(Runnable onDeferred) {
        this.onDeferred = onDeferred;
    }

    /** The calling thread drives the backend from now on. */
    public final void claim() {
        Thread t = Thread.currentThread();
        if (current != t) {
            current = t;
        }
    }

    /** No thread drives the backend until the next {@link #claim()}. */
    public final void release() {
        current = null;
    }

    /**
     * Whether a library may touch the kernel object directly from {@code thread}.
     *
     * @param thread a thread
     * @return whether {@code thread} drives the backend now
     */
    public final boolean isExecutorThread(Thread thread) {
        return thread == current;
    }

    /**
     * Keeps {@code task} for the driving thread's next {@link #runDeferred()}.
     *
     * @param task work handed over by the library
     */
    public final void execute(Runnable task) {
        deferred.add(task);
        onDeferred.run();
    }

    /** {@return whether handed-over work waits} */
    public final boolean hasDeferred() {
        return !deferred.isEmpty();
    }

    /** Runs the handed-over work; called by the driving thread. */
    public final void runDeferred() {
        Runnable task;
        while ((task = deferred.poll()) != null) {
            task.run();
        }
    }
}
