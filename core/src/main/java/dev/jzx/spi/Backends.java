package dev.jzx.spi;

import dev.jzx.internal.BackendSelector;
import java.util.List;
import java.util.Set;

/**
 * The installed backends and how {@link dev.jzx.Loop#open()} chooses among them, for tools and
 * diagnostics ({@code jzx doctor}). Read-only: it describes the choice, it does not change it.
 *
 * <p>Each backend is probed (its native code loaded) the first time its availability is asked
 * for, here or by {@link dev.jzx.Loop#open()}; the answer is cached for the life of the JVM.
 */
public final class Backends {
    /** The system property that forces one backend by name: {@value}. */
    public static final String BACKEND_PROPERTY = BackendSelector.BACKEND_PROPERTY;
    /** The system property listing backend names to try before the default order: {@value}. */
    public static final String PREFERENCE_PROPERTY = BackendSelector.PREFERENCE_PROPERTY;

    private Backends() {
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

    /**
     * What a provider's backend does natively.
     *
     * @param provider one of {@link #ordered()}
     * @return its capabilities; empty if asking throws
     */
    public static Set<Capability> capabilities(BackendProvider provider) {
        return BackendSelector.system().capabilities(provider);
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
}
