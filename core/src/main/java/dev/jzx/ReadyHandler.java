package dev.jzx;

/**
 * Receives readiness for one watched descriptor. The Java form of the seed's
 * {@code jzx_io_xev_notify}.
 *
 * <p>Called only on the thread inside {@link Loop#run}, never concurrently with itself or
 * with another handler of the same loop. A handler may call any method of its loop
 * (watch, unwatch, wakeup, close) except {@code run}.
 */
@FunctionalInterface
public interface ReadyHandler {
    /**
     * The descriptor is ready.
     *
     * <p>{@code readiness} is never 0 and is a subset of the fd's interest plus
     * {@link Io#ERROR} and {@link Io#HANGUP}. READ and WRITE may come in one call or in two
     * calls of the same run; a caller must not depend on either.
     *
     * <p>Returning {@code false} removes the directions just reported ({@code readiness &
     * (READ|WRITE)}) from the fd's interest; a report that carries only ERROR or HANGUP
     * counts as every direction. When no interest is left the fd is unwatched. If the handler
     * itself called {@link Loop#watch} or {@link Loop#unwatch} for this fd, that call wins and
     * the return value is ignored.
     *
     * <p>If the handler throws, the exception propagates out of {@link Loop#run}; the watch
     * stays as if {@code true} had been returned, and the rest of the batch is delivered by the
     * next run.
     *
     * @param fd        the descriptor, as passed to {@link Loop#watch}
     * @param readiness {@link Io} bits
     * @return {@code true} to keep watching, {@code false} to stop watching the directions reported
     */
    boolean onReady(int fd, int readiness);
}
