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

    // The wait is withdrawn before the future completes: whoever sees it done may rely on the
    // withdrawal having reached the poller thread's inbox. When the poller thread ended the wait
    // first, the withdrawal does nothing and the two completions race as CompletableFuture's do.

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        thread.withdraw(wait);
        return super.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean complete(Integer value) {
        thread.withdraw(wait);
        return super.complete(value);
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
        thread.withdraw(wait);
        return super.completeExceptionally(ex);
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
