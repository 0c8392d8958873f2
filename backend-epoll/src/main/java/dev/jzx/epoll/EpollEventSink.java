package dev.jzx.epoll;

/** Where an {@link EpollAdapter#wait} puts each event it reaped. */
interface EpollEventSink {
    /**
     * The kernel wait has returned; its events follow. A reentrant adapter
     * ({@link EpollAdapter#reentrant()}) calls it once per wait that returned events, before the
     * first.
     */
    void waitReturned();

    /**
     * One event; called on the waiting thread, inside the wait. Never throws: an adapter's batch
     * would be cut short (Netty would even log and sleep).
     *
     * @param tag    the tag the entry was last added or modified with
     * @param events the {@code epoll_event.events} the kernel returned
     */
    void event(long tag, int events);
}
