package dev.jzx.epoll;

import dev.jzx.spi.Availability;
import dev.jzx.spi.Backend;
import dev.jzx.spi.BackendProvider;
import io.netty.channel.epoll.Epoll;

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
            // Loading Netty's Epoll class runs its probe: load the native library, then create
            // (and close) an epoll fd and an eventfd.
            if (Epoll.isAvailable()) {
                return Availability.available();
            }
            Throwable cause = Epoll.unavailabilityCause();
            return Availability.unavailable("Netty's native epoll transport is unavailable on "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + rootCause(cause), cause);
        } catch (LinkageError e) { // Netty's epoll classes are not on the class path
            return Availability.unavailable("Netty's epoll transport classes could not be loaded", e);
        }
    }

    /**
     * Netty's cause is often a wrapper without a message (ExceptionInInitializerError,
     * UnsatisfiedLinkError "failed to load the required native library"): name the innermost one,
     * which says why.
     */
    private static String rootCause(Throwable cause) {
        if (cause == null) {
            return "";
        }
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return ": " + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }


    @Override
    public Backend open() {
        Availability a = availability();
        if (!a.isAvailable()) {
            throw new IllegalStateException("epoll is unavailable: " + a.describe(), a.cause());
        }
        return EpollBackend.open();
    }
}
