package dev.jzx.epoll;

import dev.jzx.spi.Availability;
import dev.jzx.spi.Backend;
import dev.jzx.spi.BackendProvider;
import dev.jzx.spi.KernelAdapter;

/**
 * The {@code epoll} backend (Linux). Level-triggered; interest changes are {@code EPOLL_CTL_MOD}
 * in place; refusals are known when {@code epoll_ctl} returns. See {@link EpollBackend}.
 *
 * <p>Its kernel adapter is {@link KernelAdapter#chosen()}'s, read when the provider is made: its
 * own system calls through {@code java.lang.foreign} on JDK 22+ (no Netty class is loaded then,
 * and Netty may be absent), Netty's {@code netty-transport-native-epoll} before, or wherever
 * {@code -Djzx.adapter=netty} says so.
 *
 * <p>Nothing here loads native code or touches Netty before {@link #availability()}: the service
 * loader instantiates every provider, on every OS.
 */
public final class EpollBackendProvider implements BackendProvider {
    /** The FFM adapter's factory, compiled for JDK 22 and so only named. */
    private static final String FFM_FACTORY = "dev.jzx.epoll.FfmEpollAdapterFactory";

    /** The adapter chosen, or null when {@code -Djzx.adapter} names none. */
    private final KernelAdapter adapter;
    /** Why none was chosen, or null. */
    private final IllegalArgumentException badChoice;
    /** Set by the probe, before {@link #availability} is published. */
    private EpollAdapterFactory factory;
    private volatile Availability availability;

    /** The adapter {@code -Djzx.adapter} and this JDK choose. */
    public EpollBackendProvider() {
        KernelAdapter chosen = null;
        IllegalArgumentException bad = null;
        try {
            chosen = KernelAdapter.chosen();
        } catch (IllegalArgumentException e) {
            bad = e;
        }
        this.adapter = chosen;
        this.badChoice = bad;
    }

    /**
     * A provider of one adapter (for tests).
     *
     * @param adapter the adapter to use, whatever the JVM's flags say
     */
    EpollBackendProvider(KernelAdapter adapter) {
        this.adapter = adapter;
        this.badChoice = null;
    }

    @Override
    public String name() {
        return "epoll";
    }

    @Override
    public int preference() {
        return 200;
    }

    /** {@return {@code "ffm"} or {@code "netty"}; {@code "none"} when {@code -Djzx.adapter} names neither} */
    @Override
    public String adapter() {
        return adapter == null ? "none" : adapter.label();
    }

    @Override
    public Availability availability() {
        Availability a = availability;
        if (a == null) {
            synchronized (this) { // one probe, so one factory
                a = availability;
                if (a == null) {
                    a = probe();
                    availability = a;
                }
            }
        }
        return a;
    }

    private Availability probe() {
        if (adapter == null) {
            return Availability.unavailable(badChoice.getMessage(), badChoice);
        }
        return adapter == KernelAdapter.FFM ? probeFfm() : probeNetty();
    }

    /** Creates and closes an epoll fd and its eventfd through the FFM adapter. */
    private Availability probeFfm() {
        try {
            EpollAdapterFactory ffm = KernelAdapter.loadFfm(EpollAdapterFactory.class, FFM_FACTORY);
            ffm.open().close();
            factory = ffm;
            return Availability.available();
        } catch (RuntimeException | LinkageError e) {
            // RuntimeException: a JDK before 22, a jar without the adapter, native access denied
            // (IllegalCallerException), or the kernel's refusal; LinkageError: no epoll here.
            return Availability.unavailable("the FFM epoll adapter is unavailable on " + System.getProperty("os.name")
                    + "/" + System.getProperty("os.arch") + ": " + (e.getMessage() != null ? e.getMessage() : e), e);
        }
    }

    private Availability probeNetty() {
        if (!EpollBackendProvider.class.getModule().isNamed()) { // named: the module system says what is missing
            String missing = KernelAdapter.missingNetty42(EpollBackendProvider.class.getClassLoader(),
                    "io.netty.util.concurrent.ThreadAwareExecutor", "io.netty.channel.epoll.EpollIoHandler");
            if (missing != null) {
                return Availability.unavailable(missing, null);
            }
        }
        try {
            Availability a = NettyEpollAdapter.probe();
            if (a.isAvailable()) {
                factory = NettyEpollAdapter::new;
            }
            return a;
        } catch (LinkageError e) { // Netty's epoll classes are not on the class path, or not resolved
            // Netty is `requires static`: as named modules, nothing resolves it unless asked to.
            String hint = EpollBackendProvider.class.getModule().isNamed()
                    ? " (on the module path: --add-modules io.netty.transport.classes.epoll)"
                    : "";
            return Availability.unavailable("Netty's epoll transport classes could not be loaded" + hint, e);
        }
    }

    @Override
    public Backend open() {
        return openBackend();
    }

    /**
     * {@link #open()} with its type.
     *
     * @return a new epoll instance through this provider's adapter
     * @throws IllegalStateException when the adapter is unavailable here, with the cause
     */
    EpollBackend openBackend() {
        Availability a = availability();
        if (!a.isAvailable()) {
            throw new IllegalStateException("epoll is unavailable: " + a.describe(), a.cause());
        }
        return new EpollBackend(factory.open());
    }
}
