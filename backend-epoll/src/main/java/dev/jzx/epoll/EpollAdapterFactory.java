package dev.jzx.epoll;

/**
 * Opens epoll instances through one kernel adapter. The FFM one ({@code FfmEpollAdapterFactory},
 * JDK 22+) is loaded by name, so that code compiled for JDK 17 never names it.
 */
@FunctionalInterface
interface EpollAdapterFactory {
    /**
     * Opens an epoll instance.
     *
     * @return a new epoll instance with its wake-up, owned by the caller
     * @throws java.io.UncheckedIOException or another runtime exception naming the call that
     *                                      failed (e.g. {@code epoll_create1} at EMFILE); nothing
     *                                      is left open then
     */
    EpollAdapter open();
}
