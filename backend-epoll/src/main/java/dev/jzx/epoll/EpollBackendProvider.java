package dev.jzx.epoll;

import dev.jzx.spi.Availability;
import dev.jzx.spi.Backend;
import dev.jzx.spi.BackendProvider;

/**
 * The {@code epoll} backend (Linux), on Netty's {@code netty-transport-native-epoll}.
 * Level-triggered; interest changes are {@code EPOLL_CTL_MOD} in place; refusals are known
 * when {@code epoll_ctl} returns. See {@link EpollBackend}.
 *
 * <p>Nothing here touches Netty's epoll classes before {@link #availability()}: the service
 * loader instantiates every provider, on every OS.
 */
public final class EpollBackendProvider implements BackendProvider {
    private volatile Availability availability;

    @Override
    public String name() {
        return "epoll";
    }

    @Override
    public int preference() {
        return 200;
    }

    @Override
    public Availability availability() {
        Availability a = availability;
        if (a == null) {
            a = probe();
            availability = a;
        }
        return a;
    }

    private static Availability probe() {
        try {
            return NettyEpollAdapter.probe();
        } catch (LinkageError e) { // Netty's epoll classes are not on the class path
            return Availability.unavailable("Netty's epoll transport classes could not be loaded", e);
        }
    }

    @Override
    public Backend open() {
        return openBackend();
    }

    /**
     * {@link #open()} with its type.
     *
     * @return a new epoll instance
     * @throws IllegalStateException when epoll is unavailable here, with the cause
     */
    EpollBackend openBackend() {
        Availability a = availability();
        if (!a.isAvailable()) {
            throw new IllegalStateException("epoll is unavailable: " + a.describe(), a.cause());
        }
        return new EpollBackend(new NettyEpollAdapter());
    }
}
