package dev.jzx.iouring;

import dev.jzx.iouring.netty.NettyRingAdapter;
import dev.jzx.spi.Availability;
import dev.jzx.spi.Backend;
import dev.jzx.spi.BackendProvider;
import dev.jzx.spi.KernelAdapter;

/**
 * The {@code io_uring} backend (preference 100): readiness through POLL_ADD / POLL_REMOVE
 * submission entries. On JDK 22+ the ring is this library's own, through
 * {@code java.lang.foreign}; on JDK 17-21 (or with {@code -Djzx.adapter=netty}) it is Netty's
 * io_uring transport ({@link KernelAdapter}). Native code is loaded only by
 * {@link #availability()} and {@link #open()}, and the machine is probed once per JVM.
 * {@code -Djzx.iouring.disable=true} makes it unavailable.
 */
public final class IoUringBackendProvider implements BackendProvider {
    /** The name users force it with: {@code -Djzx.backend=io_uring}. */
    public static final String NAME = "io_uring";

    /** The class name of the FFM adapter, compiled for JDK 22 and loaded by name only. */
    static final String FFM_ADAPTER = "dev.jzx.iouring.FfmRingAdapter";

    /** The adapter of this JVM and its probe, made once. */
    private static final class Chosen {
        static final Probe RESULT = Probe.run();
    }

    /** An adapter (null when none could be made) and what its probe found. */
    private record Probe(RingAdapter adapter, Availability availability) {
        static Probe run() {
            if (RingConfig.disabled()) {
                return new Probe(null, Availability.unavailable("disabled by -D" + RingConfig.DISABLE_PROPERTY + "=true", null));
            }
            try {
                RingAdapter adapter = IoUringBackendProvider.adapter(KernelAdapter.chosen());
                return new Probe(adapter, adapter.probe());
            } catch (RuntimeException | LinkageError e) {
                // Netty is `requires static`: as named modules, nothing resolves it unless asked to.
                String hint = e instanceof LinkageError && IoUringBackendProvider.class.getModule().isNamed()
                        ? " (on the module path: --add-modules io.netty.transport.classes.io_uring)" : "";
                return new Probe(null, Availability.unavailable("the io_uring kernel adapter could not be loaded: "
                        + e.getMessage() + hint, e));
            }
        }
    }

    /** Creates the provider; nothing native is loaded before {@link #availability()}. */
    public IoUringBackendProvider() {
    }

    /**
     * @param which the kernel interface
     * @return a new adapter of that kind (not yet probed)
     */
    static RingAdapter adapter(KernelAdapter which) {
        return which == KernelAdapter.FFM ? KernelAdapter.loadFfm(RingAdapter.class, FFM_ADAPTER) : new NettyRingAdapter();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int preference() {
        return 100;
    }

    @Override
    public String adapter() {
        RingAdapter a = Chosen.RESULT.adapter();
        return a == null ? KernelAdapter.chosenLabel() : a.name();
    }

    @Override
    public Availability availability() {
        return Chosen.RESULT.availability();
    }

    /** @return the adapter of this JVM, probed; null when io_uring is disabled or the adapter failed to load */
    static RingAdapter chosenAdapter() {
        return Chosen.RESULT.adapter();
    }

    /** @return a fresh probe of the adapter {@code -Djzx.adapter} names now (tests: the cached one is per JVM) */
    static Availability probe() {
        return Probe.run().availability();
    }

    /** @return whether the kernel changes a pending poll's events in place (Linux 5.13+); probed once */
    static boolean pollUpdate() {
        return Chosen.RESULT.adapter() != null && Chosen.RESULT.adapter().pollUpdate();
    }

    @Override
    public Backend open() {
        Availability a = availability();
        if (!a.isAvailable()) {
            throw new IllegalStateException("io_uring is unavailable: " + a.describe(), a.cause());
        }
        RingAdapter adapter = Chosen.RESULT.adapter();
        return new IoUringBackend(adapter, RingConfig.fromSystemProperties(adapter.name()), adapter.pollUpdate());
    }

    @Override
    public String toString() {
        return "IoUringBackendProvider[" + NAME + "]";
    }
}
