package dev.jzx;

/**
 * A task scheduled with {@link Loop#schedule}: it runs once, on the thread inside
 * {@link Loop#run}, unless cancelled first.
 */
public interface Timer {

    /**
     * Keeps the task from running, if it has not started yet. Any thread.
     *
     * <p>Cancelling from inside a task of the same run keeps a later task of that run from
     * running. Cancelled from another thread while the task is starting on the loop thread,
     * exactly one of the two wins: either this call returns {@code true} and the task never
     * runs, or the task runs and this call returns {@code false}.
     *
     * @return {@code true} when this call kept the task from running; {@code false} when the
     *         task has already started or run, was cancelled before, or was dropped by
     *         {@link Loop#close()}
     */
    boolean cancel();
}
