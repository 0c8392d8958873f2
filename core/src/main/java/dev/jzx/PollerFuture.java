package dev.jzx;

import java.util.concurrent.CompletableFuture;

/**
 * The future of {@link Poller#whenReady}: completing it from outside ({@code cancel},
 * {@code complete}, {@code orTimeout}, {@code completeOnTimeout}, ...) withdraws its wait.
 */
final class PollerFuture extends CompletableFuture<Integer> {
    private final PollerThread thread;
    private PollerWait wait;

    PollerFuture(PollerThread thread) {
        this.thread = thread;
    }

    /** Set once, before the future is handed out. */
    void bind(PollerWait w) {
        this.wait = w;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return withdrawIf(super.cancel(mayInterruptIfRunning));
    }

    @Override
    public boolean complete(Integer value) {
        return withdrawIf(super.complete(value));
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
        return withdrawIf(super.completeExceptionally(ex));
    }

    private boolean withdrawIf(boolean completedHere) {
        if (completedHere) {
            thread.withdraw(wait);
        }
        return completedHere;
    }

    /** The poller thread's completion: the fd is ready. */
    void deliver(int readiness) {
        super.complete(readiness);
    }

    /** The poller thread's completion: it closed, or could not arm the fd. */
    void deliverFailure(RuntimeException e) {
        super.completeExceptionally(e);
    }
}
