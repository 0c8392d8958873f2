package dev.jzx.spi;

import java.util.List;
import java.util.Objects;

/**
 * The installed backends and how {@link dev.jzx.Loop#open()} chooses among them: for tools and
 * diagnostics ({@code jzx doctor}), and the one place {@code core} opens a backend through.
 *
 * <p>Each backend is probed (its native code loaded) the first time its availability is asked
 * for, here or by {@link dev.jzx.Loop#open()}; the answer is cached for the life of the JVM.
 */
public final class Backends {
    /** The system property that forces one backend by name: {@value}. */
    public static final String BACKEND_PROPERTY = "jzx.backend";
    /** The system property listing backend names to try before the default order: {@value}. */
    public static final String PREFERENCE_PROPERTY = "jzx.backend.preference";

    private Backends() {
    }

    /**
     * A backend opened by the selection, with the name of its provider.
     *
     * @param name    the provider's name
     * @param backend the new backend, owned by the caller
     */
    public record Opened(String name, Backend backend) implements AutoCloseable {
        /**
         * Checks both are present.
         *
         * @param name    the provider's name
         * @param backend the new backend
         */
        public Opened {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(backend, "backend");
        }

        /** Closes the backend, for a caller that opened it only to look. */
        @Override
        public void close() {
            backend.close();
        }
    }

    /**
     * The installed providers, as {@link dev.jzx.Loop#open()} orders them.
     *
     * @return every installed provider, in the order {@link dev.jzx.Loop#open()} tries them
     *         ({@value #PREFERENCE_PROPERTY} first, then each provider's default rank)
     */
    public static List<BackendProvider> ordered() {
        return BackendSelector.system().ordered();
    }

    /**
     * Probes {@code provider} once and remembers the answer. Never throws: a provider that throws
     * while probed is unavailable with that exception as the cause.
     *
     * @param provider one of {@link #ordered()}
     * @return whether it can be opened here and, if not, why
     */
    public static Availability availability(BackendProvider provider) {
        return BackendSelector.system().availability(provider);
    }

    /** {@return the names of the available backends, comma-separated, or "none" (probing those not yet probed)} */
    public static String available() {
        return BackendSelector.system().available();
    }

    /** {@return descriptions of providers that failed to load at all (they are left out of {@link #ordered()})} */
    public static List<String> brokenProviders() {
        return BackendSelector.system().brokenProviders();
    }

    /** {@return the backend forced by {@value #BACKEND_PROPERTY}, or {@code null} when it is not set} */
    public static String forced() {
        return BackendSelector.system().forced();
    }

    /** {@return the names listed in {@value #PREFERENCE_PROPERTY}, in order; empty when it is not set} */
    public static List<String> preference() {
        return BackendSelector.system().preference();
    }

    /**
     * Opens the backend {@link dev.jzx.Loop#open()} runs on: the forced one, else the first
     * available one that opens (the selection is logged, and recorded as a
     * {@code dev.jzx.BackendSelection} JFR event).
     *
     * @return the opened backend and its name
     * @throws dev.jzx.BackendUnavailableException as {@link dev.jzx.Loop#open()}
     */
    public static Opened open() {
        return BackendSelector.system().open();
    }

    /**
     * Opens exactly the named backend, as {@link dev.jzx.Loop#open(String)}.
     *
     * @param name a provider's name
     * @return the opened backend
     * @throws dev.jzx.BackendUnavailableException naming it, the cause and the available backends
     * @throws IllegalArgumentException            if {@code name} is null or blank
     */
    public static Opened open(String name) {
        return BackendSelector.system().open(name);
    }
}
