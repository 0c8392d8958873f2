package dev.jzx.epoll;

/**
 * One epoll instance, reached through a kernel adapter: Netty's native transport
 * ({@link NettyEpollAdapter}) or the JDK's {@code java.lang.foreign} on JDK 22+
 * ({@code FfmEpollAdapter}). It has the operations epoll(7) has and no policy: every errno and
 * every event goes back to {@link EpollBackend}, which decides what they mean.
 *
 * <p>Entries are keyed by descriptor number and level-triggered. Each carries a <em>tag</em>, a
 * {@code long} the backend chooses and the adapter keeps as it is (the FFM adapter in
 * {@code epoll_event.data}); an event reports the tag its entry was last added or modified with,
 * so the backend needs no lookup to know which registration it is for. {@code events} masks are
 * epoll's bits ({@code EPOLLIN}, {@code EPOLLOUT}, {@code EPOLLRDHUP}; the values of
 * {@link dev.jzx.spi.PollBits}); an adapter adds nothing to them (never {@code EPOLLET} or
 * {@code EPOLLONESHOT}).
 *
 * <h2>Threads</h2>
 * {@link #wakeup()} may be called from any thread at any time, also during and after
 * {@link #close()}. Every other method is called by one thread at a time (whichever drives the
 * backend now), never concurrently and never after {@link #close()}.
 */
interface EpollAdapter {

    /**
     * {@code EPOLL_CTL_ADD}: watches the file {@code fd} names now.
     *
     * @param fd     the descriptor, not added (or deleted or forgotten since)
     * @param events what to report, besides {@code EPOLLERR} and {@code EPOLLHUP}
     * @param tag    what events of the entry report; never -1
     * @return 0, or the errno {@code epoll_ctl} failed with; after a failure the adapter holds
     *         nothing for {@code fd}
     * @throws java.io.UncheckedIOException when the failure carries no errno
     */
    int add(int fd, int events, long tag);

    /**
     * {@code EPOLL_CTL_MOD}: changes the events of the entry {@code fd} was added with.
     *
     * @param fd     a descriptor added and neither deleted nor forgotten since
     * @param events what to report from now on
     * @param tag    what its events report from now on; never -1
     * @return 0, or the errno {@code epoll_ctl} failed with; after a failure the adapter still
     *         holds {@code fd} as it was, until {@link #delete} or {@link #forget}
     * @throws java.io.UncheckedIOException when the failure carries no errno
     */
    int modify(int fd, int events, long tag);

    /**
     * {@code EPOLL_CTL_DEL}: when this returns, no {@link #wait} reports {@code fd} again (unless
     * it is added again). A failure (the number was closed, so the kernel dropped the entry with
     * it) is ignored.
     *
     * @param fd a descriptor added and neither deleted nor forgotten since
     */
    void delete(int fd);

    /**
     * Drops what the adapter holds for {@code fd}, without a system call: the kernel holds no
     * entry for the file the number names now (it was closed, and the number may name another
     * file since), as a failed {@link #modify} has just shown.
     *
     * @param fd a descriptor added and neither deleted nor forgotten since
     */
    void forget(int fd);

    /**
     * One {@code epoll_wait}: reports each event to {@code sink}, on this thread, before
     * returning. Events of the adapter's own wake-up are consumed here, never reported.
     *
     * @param timeoutNanos 0: do not block; negative: no limit; otherwise block at most about
     *                     that long (a timeout is never shortened to 0)
     * @param sink         receives each event; must not throw
     */
    void wait(long timeoutNanos, EpollEventSink sink);

    /**
     * @return whether {@link #add} and {@link #modify} take {@code EPOLLONESHOT} (Netty's
     *         {@code EpollIoOps} cannot say it)
     */
    default boolean oneShot() {
        return false;
    }

    /**
     * @return whether the {@code sink} of {@link #wait} may call {@link #add}, {@link #modify},
     *         {@link #delete}, {@link #forget} and {@link #wakeup} (the FFM adapter reads events
     *         from its own array, which only the next wait overwrites; Netty's event loop is in
     *         the middle of its processing then); see {@link dev.jzx.spi.Backend#reentrantPoll()}
     */
    default boolean reentrant() {
        return false;
    }

    /**
     * @return the epoll descriptor, readable while events are ready, or -1 where the adapter does
     *         not expose it (Netty); see {@link dev.jzx.spi.Backend#descriptor()}
     */
    default int descriptor() {
        return -1;
    }

    /**
     * Makes the {@link #wait} in progress, or the next one, return. Any thread, any time; after
     * {@link #close()} it does nothing (and never writes to a descriptor number the adapter no
     * longer owns).
     */
    void wakeup();

    /** Closes the epoll instance and the adapter's own descriptors; never a watched fd. Called once. */
    void close();
}
