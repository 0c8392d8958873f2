package dev.jzx.iouring.netty;

import io.netty.util.concurrent.ThreadAwareExecutor;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Netty's view of "the event loop thread" for one ring: whichever thread is inside a backend
 * call right now. {@code core} lets a loop be driven by different threads over its life (one at
 * a time), and Netty asks this executor on every {@code submit}, {@code cancel} and
 * {@code wakeup} whether the caller may touch the ring directly; the answer follows the caller.
 *
 * <p>Nothing in this backend calls Netty outside {@link #enter()}/{@link #leave()}, so
 * {@link #execute} (Netty's route for calls from other threads) should stay unused; it still
 * queues the task for the next {@link #runTasks()} rather than lose it.
 */
final class CallerThread implements ThreadAwareExecutor {
    /** The thread inside a backend call, or null. Read by foreign threads in {@code wakeup}. */
    private volatile Thread current;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    void enter() {
        current = Thread.currentThread();
    }

    void leave() {
        current = null;
    }

    /** @return the thread inside a backend call, or null */
    Thread current() {
        return current;
    }

    /** Makes {@code thread} (possibly null) the ring's user again, after another thread borrowed it. */
    void restore(Thread thread) {
        current = thread;
    }

    @Override
    public boolean isExecutorThread(Thread thread) {
        return thread == current;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    boolean hasTasks() {
        return !tasks.isEmpty();
    }

    /** Runs what Netty queued from a foreign thread; called by the thread inside the backend. */
    void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                System.getLogger("dev.jzx").log(System.Logger.Level.WARNING, "io_uring ring task failed", e);
            }
        }
    }
}
