package dev.jzx.spi;

/**
 * A backend, found through {@link java.util.ServiceLoader} (a {@code META-INF/services} entry
 * and, on the module path, {@code provides dev.jzx.spi.BackendProvider with ...}).
 *
 * <p>Instances are created eagerly by the service loader, so a provider's constructor and
 * {@link #name()} / {@link #preference()} must not load native code: only
 * {@link #availability()} and {@link #open()} may.
 *
 * <p>How providers are chosen is items S1-S8 of the project's contract ({@code docs/contract.md}
 * in the source repository); the package documentation shows how a backend runs the conformance
 * suites.
 */
public interface BackendProvider {

    /** {@return the name users force it with ({@code -Djzx.backend=NAME}); lower case, stable} */
    String name();

    /**
     * The default rank among the backends.
     *
     * @return the default rank: lower is tried first. io_uring is 100, epoll 200, kqueue 300;
     *         a third party picks a value that places it among them.
     */
    int preference();

    /**
     * The kernel interface this provider's backends drive, shown by {@code jzx doctor} and in the
     * {@code dev.jzx.BackendSelection} JFR event: {@code "ffm"} or {@code "netty"} for this
     * library's Linux backends (see {@link KernelAdapter}), whatever describes it for others.
     *
     * @return a short name of the adapter; by default {@code "native"}
     */
    default String adapter() {
        return "native";
    }

    /**
     * Probes the machine once (loading native code, setting up and tearing down a kernel
     * object if that is what it takes) and caches the answer. Should not throw; one that does
     * counts as unavailable with that exception as the cause.
     *
     * @return whether {@link #open()} can be expected to succeed here, and if not why
     */
    Availability availability();

    /**
     * Creates the kernel object for one loop.
     *
     * @return a backend owned by the new loop
     * @throws java.io.UncheckedIOException or another runtime exception, with the cause, if the
     *                                      kernel refuses
     */
    Backend open();
}
