package dev.jzx.spi;

/**
 * One loop's kernel adapter: arm, re-arm, cancel, wait, wake. As narrow as mio's
 * {@code sys::Selector}; everything shared (fd table, interest bookkeeping, dispatch, the
 * unwatch guarantee, cross-thread commands, wake-up coalescing, regular-file emulation) lives
 * in {@code core}. Which items of the project's contract ({@code docs/contract.md} in the source
 * repository) a backend keeps itself is listed there under "What a backend provides".
 *
 * <h2>Threads</h2>
 * {@link #wakeup()} may be called from any thread at any time, also during or after
 * {@link #close()}. Every other method is called by one thread at a time (the loop's owner of
 * the moment), never concurrently and never re-entrantly.
 *
 * <h2>Tokens</h2>
 * {@code core} gives every registration a token and discards readiness whose token is not the
 * fd's current one, so a backend need not filter stale completions for correctness; it should
 * still not report them, to keep spurious readiness rare.
 *
 * <h2>Lifetime</h2>
 * A backend frees its per-fd state only once the kernel can no longer touch it (for a
 * completion-based kernel: the request and its cancellation have both completed).
 */
public interface Backend extends AutoCloseable {

    /**
     * {@link #register} result: the kernel polls the fd; its readiness, or its refusal, comes
     * through {@link #poll}.
     */
    int ARMED = 0;
    /**
     * {@link #register} result: the kernel does not poll this file (epoll and regular files) and
     * poll(2) would call it always ready; nothing is registered, {@code core} reports it ready for
     * its whole interest on every run.
     */
    int ALWAYS_READY = 1;
    /**
     * Readiness flag for {@link ReadySink#ready}: the kernel refused or ended this registration
     * (a closed or invalid fd, whether {@code epoll_ctl} said so at once or an io_uring arm
     * completed with {@code -EBADF}); {@code core} reports {@link dev.jzx.Io#ERROR} once and
     * unwatches the fd. It is the only way a refusal travels: a backend that learns of one while
     * arming keeps it and reports it from the next {@link #poll}.
     */
    int DROPPED = 1 << 16;

    /**
     * Arms {@code fd} against the file its number names now, replacing any registration this
     * backend holds for that number (which may be for an older file now closed).
     *
     * @param fd       the descriptor
     * @param interest {@code Io.READ}, {@code Io.WRITE} or both
     * @param token    reported with every readiness of this registration
     * @return {@link #ARMED} or {@link #ALWAYS_READY}; a refusal is reported by the next
     *         {@link #poll} as {@link #DROPPED}
     * @throws java.io.UncheckedIOException when the kernel is out of a resource; any previous
     *                                      registration of {@code fd} is then left as it was
     */
    int register(int fd, int interest, int token);

    /**
     * Changes the interest of the live registration of {@code fd} (same file, same token).
     * Called only after {@link #register} returned {@link #ARMED} for it and before
     * {@link #deregister}.
     *
     * @param fd       the descriptor
     * @param interest the new interest, never 0
     * @param token    the registration's token
     * @throws java.io.UncheckedIOException when the kernel is out of a resource. If the kernel no
     *                                      longer knows the fd, the next {@link #poll} reports it
     *                                      {@link #DROPPED}.
     */
    void reregister(int fd, int interest, int token);

    /**
     * As {@link #register}, for a watch that core deregisters or registers again after each
     * report of it (a {@code Poller}'s waits are one-shot): the backend may let the kernel disarm
     * the registration after its first report (epoll's {@code EPOLLONESHOT}), and then leave out
     * the kernel call of the {@link #deregister} that follows, since a disarmed registration
     * reports nothing. By default, {@link #register}.
     *
     * @param fd       the descriptor
     * @param interest {@code Io.READ}, {@code Io.WRITE} or both
     * @param token    reported with the readiness of this registration
     * @return as {@link #register}
     */
    default int registerOneShot(int fd, int interest, int token) {
        return register(fd, interest, token);
    }

    /**
     * As {@link #reregister}, for a registration made by {@link #registerOneShot}: arms it again
     * with the new interest. By default, {@link #reregister}.
     *
     * @param fd       the descriptor
     * @param interest the new interest, never 0
     * @param token    the registration's token
     */
    default void reregisterOneShot(int fd, int interest, int token) {
        reregister(fd, interest, token);
    }

    /**
     * Stops watching {@code fd}. When this returns nothing more is reported for it (or what
     * is, {@code core} discards by token). Tolerates an fd the kernel has already dropped.
     *
     * @param fd the descriptor
     */
    void deregister(int fd);

    /**
     * Waits for readiness and reports it to {@code sink}; also submits any arms and re-arms
     * still pending. Reports kept since the last poll (refusals found while arming) go to
     * {@code sink} first, and then the poll does not wait.
     *
     * @param timeoutNanos 0 to return at once, a negative value to wait without limit; the
     *                     wait may end early (wake-up, signal, spurious)
     * @param sink         receives each (fd, token, readiness)
     */
    void poll(long timeoutNanos, ReadySink sink);

    /**
     * A descriptor that polls readable whenever {@link #poll} has something to report, so that
     * one thread can wait on many backends at once: the {@code Poller} parks its virtual threads'
     * sub-pollers on it ({@code docs/contract.md}, P7). A backend offers one only if
     * <ul>
     *   <li>any thread may make changes and polls, one at a time (the {@code Poller} orders them);</li>
     *   <li>readiness makes the descriptor readable within a scheduler tick whatever the thread
     *       that registered does meanwhile (io_uring with {@code COOP_TASKRUN} posts a completion
     *       at that thread's next entry into the kernel);</li>
     *   <li>a report it keeps itself makes the descriptor readable too (a refusal found while
     *       arming: it signals its wake-up for one), unless {@link #changesWaitForPoll()} (then
     *       the thread that made the change polls at once).</li>
     * </ul>
     * epoll (the epoll fd) and io_uring (the ring fd) through FFM qualify.
     *
     * @return the descriptor, or -1 when there is none (the default). It may change (io_uring
     *         moves to a larger ring): read it again before each wait on it
     */
    default int descriptor() {
        return -1;
    }

    /**
     * Whether {@link #register}, {@link #reregister} and {@link #deregister} reach the kernel
     * only when the next {@link #poll} submits them (io_uring's submission entries) rather than
     * before they return ({@code epoll_ctl}). A {@code Poller}'s virtual thread that armed its
     * wait then polls, without waiting, before it parks: the poll submits the arms queued so far,
     * all in one call.
     *
     * @return true by default; false where changes take effect at once
     */
    default boolean changesWaitForPoll() {
        return true;
    }

    /**
     * Whether {@link #poll} may run handlers: whether {@code core} may give it a sink that calls
     * each report's handler at once instead of recording the report for after the poll. That
     * spares a copy of every report; a backend says so only if
     * <ul>
     *   <li>it calls the sink only once its kernel wait has returned, with reports it holds in
     *       memory of its own (epoll's events array), which nothing the sink does can overwrite,
     *       and says when that wait returned ({@link ReadySink#waitOver()});</li>
     *   <li>from inside the sink, {@link #register}, {@link #registerOneShot}, {@link #reregister},
     *       {@link #reregisterOneShot}, {@link #deregister} and {@link #wakeup} may be called and
     *       take effect as they do between polls, and the reports still to come stay right (one
     *       for a registration changed meanwhile carries its old token, which {@code core}
     *       discards).</li>
     * </ul>
     * The sink never throws either way: what a handler throws {@code core} keeps until the poll
     * returns, recording the reports after it for the next run. The FFM epoll adapter qualifies;
     * io_uring (a handler's arm could fill the submission queue while its completions are
     * reaped) and Netty's event loops (whose processing calls back into the handler registry) do
     * not.
     *
     * @return false by default: the sink only records
     */
    default boolean reentrantPoll() {
        return false;
    }

    /** Makes a {@link #poll} in progress, or the next one, return. Any thread; may be called after close. */
    void wakeup();

    /** Releases the kernel object; does not close any watched fd. Called once. */
    @Override
    void close();
}
