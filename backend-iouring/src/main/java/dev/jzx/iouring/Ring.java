package dev.jzx.iouring;

/**
 * The kernel side of one io_uring instance, as narrow as {@link IoUringBackend} needs it: queue a
 * POLL_ADD, a POLL_REMOVE or an in-place poll update, submit and reap, wake, close. Two adapters
 * implement it: {@code FfmRing}, the ring mapped and driven through {@code java.lang.foreign}
 * (JDK 22+), and {@link dev.jzx.iouring.netty.NettyRing}, Netty's io_uring transport (JDK 17-21).
 *
 * <h2>Requests and completions</h2>
 * A request is named by (fd, generation); every completion gives both back, with the generation
 * cut to {@link #generationMask()}, and says whether it is the POLL_ADD's or a POLL_REMOVE's. The
 * id {@link #pollAdd} returns is what {@link #pollRemove} and {@link #pollUpdate} target. Nothing
 * is filtered here: the backend decides which completions are current.
 *
 * <h2>Threads</h2>
 * {@link #wakeup()} may be called from any thread at any time, also during or after
 * {@link #close()}. Every other method is called by the one thread inside the backend, between
 * {@link #enter()} and {@link #leave()}.
 */
public interface Ring {

    /** {@return the bits of a generation that completions carry back} */
    int generationMask();

    /** The calling thread uses the ring until {@link #leave()}. */
    void enter();

    /** The calling thread no longer uses the ring. */
    void leave();

    /**
     * Queues a POLL_ADD; it reaches the kernel by the next {@link #run} (sooner when the
     * submission queue is full).
     *
     * @param fd         the descriptor
     * @param events     poll(2) events
     * @param multishot  whether it stays armed after each completion ({@code IORING_POLL_ADD_MULTI})
     * @param generation carried back by its completions
     * @return the id to target it with
     */
    long pollAdd(int fd, int events, boolean multishot, int generation);

    /**
     * Queues a POLL_REMOVE of a poll {@link #pollAdd} queued.
     *
     * @param fd         the poll's descriptor
     * @param target     what {@link #pollAdd} returned for it
     * @param generation carried back by the remove's completion
     */
    void pollRemove(int fd, long target, int generation);

    /**
     * Queues a POLL_REMOVE with {@code IORING_POLL_UPDATE_EVENTS}: the pending poll keeps its id
     * and waits for {@code events} instead.
     *
     * @param fd         the poll's descriptor
     * @param target     what {@link #pollAdd} returned for it
     * @param events     the new poll(2) events
     * @param generation carried back by the update's completion
     */
    void pollUpdate(int fd, long target, int events, int generation);

    /**
     * Submits everything queued and hands every completion available to {@code completions};
     * when none is, waits for the first as {@code timeoutNanos} allows. Ends early on a
     * {@link #wakeup()} or a signal.
     *
     * @param timeoutNanos 0: no wait; negative: no limit; positive: at most that long
     * @param completions  receives each completion; must not throw
     */
    void run(long timeoutNanos, RingCompletions completions);

    /**
     * @return the {@code io_uring_enter} calls made so far (an adapter that cannot count them
     *         counts its runs, each of which enters at least once); for tests and diagnostics
     */
    long enters();

    /**
     * @return the ring's descriptor, readable while completions wait in the queue, or -1 where
     *         the adapter does not expose it (Netty); see {@link dev.jzx.spi.Backend#descriptor()}
     */
    default int descriptor() {
        return -1;
    }

    /** Makes a {@link #run} in progress, or the next one, return. Any thread; a no-op once closed. */
    void wakeup();

    /**
     * Frees the ring. Polls still armed are cancelled by the kernel; the descriptors they watch
     * are the user's and stay open. Called once.
     */
    void close();
}
