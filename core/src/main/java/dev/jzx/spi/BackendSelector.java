package dev.jzx.spi;

import dev.jzx.BackendUnavailableException;
import dev.jzx.internal.Jfr;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Picks the backend a loop runs on, like the JDK's {@code SelectorProvider}: a system property
 * first ({@code jzx.backend}: exactly that one, or an exception, never a fallback), then the
 * {@link ServiceLoader} providers in preference order ({@code jzx.backend.preference}, then
 * each provider's default rank), taking the first that is available.
 *
 * <p>A provider's native code is loaded only when it is probed, and it is probed only when the
 * selection reaches it (or a caller asks, as {@code jzx doctor} does). A provider that throws,
 * while being loaded or probed, counts as unavailable with that exception as the cause.
 */
final class BackendSelector {
    private static final String BACKEND_PROPERTY = Backends.BACKEND_PROPERTY;
    private static final String PREFERENCE_PROPERTY = Backends.PREFERENCE_PROPERTY;

    private static final Logger LOG = System.getLogger("dev.jzx");

    private final List<BackendProvider> providers;
    private final List<String> brokenProviders;
    private final UnaryOperator<String> properties;
    private final Map<String, Availability> probed = new ConcurrentHashMap<>();
    private final Set<String> unknownPreferenceLogged = ConcurrentHashMap.newKeySet();

    /**
     * @param providers       the providers to choose from
     * @param brokenProviders descriptions of providers that failed to load
     * @param properties      looks up {@link #BACKEND_PROPERTY} and {@link #PREFERENCE_PROPERTY}
     */
    BackendSelector(List<BackendProvider> providers, List<String> brokenProviders,
                           UnaryOperator<String> properties) {
        this.providers = List.copyOf(providers);
        this.brokenProviders = List.copyOf(brokenProviders);
        this.properties = properties;
    }

    /** @return the selector over the providers on the class or module path, reading system properties */
    static BackendSelector system() {
        return SystemHolder.INSTANCE;
    }

    private static final class SystemHolder {
        static final BackendSelector INSTANCE = loadSystem();

        private static BackendSelector loadSystem() {
            List<BackendProvider> found = new ArrayList<>();
            List<String> broken = new ArrayList<>();
            Iterator<BackendProvider> it = ServiceLoader.load(BackendProvider.class,
                    BackendSelector.class.getClassLoader()).iterator();
            while (true) {
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    found.add(it.next());
                } catch (ServiceConfigurationError | LinkageError e) {
                    broken.add(e.toString());
                    LOG.log(Level.WARNING, "a jzx backend provider failed to load; the others are still used", e);
                }
            }
            return new BackendSelector(found, broken, System::getProperty);
        }
    }

    /** @return every provider in the order {@link #open()} tries them (preference applied) */
    List<BackendProvider> ordered() {
        List<BackendProvider> byRank = new ArrayList<>(providers);
        byRank.sort(Comparator.comparingInt(BackendProvider::preference).thenComparing(BackendProvider::name));
        List<BackendProvider> result = new ArrayList<>();
        for (String wanted : preference()) {
            BackendProvider p = find(wanted);
            if (p == null) {
                if (unknownPreferenceLogged.add(wanted)) { // a typo is worth saying, once
                    LOG.log(Level.WARNING, () -> "-D" + PREFERENCE_PROPERTY + " names '" + wanted
                            + "', which is not installed; ignoring it. Installed: " + names(providers));
                }
            } else if (!result.contains(p)) {
                result.add(p);
            }
        }
        for (BackendProvider p : byRank) {
            if (!result.contains(p)) {
                result.add(p);
            }
        }
        return result;
    }

    /** @return descriptions of providers that could not even be loaded */
    List<String> brokenProviders() {
        return brokenProviders;
    }

    /** @return the forced backend's name, or null when {@link #BACKEND_PROPERTY} is not set */
    String forced() {
        String v = properties.apply(BACKEND_PROPERTY);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** @return the names listed in {@link #PREFERENCE_PROPERTY}, in order */
    List<String> preference() {
        String v = properties.apply(PREFERENCE_PROPERTY);
        List<String> names = new ArrayList<>();
        if (v != null) {
            for (String s : v.split(",")) {
                if (!s.isBlank()) {
                    names.add(s.trim());
                }
            }
        }
        return names;
    }

    /**
     * Probes {@code provider} once and remembers the answer; never throws.
     *
     * @param provider one of this selector's providers
     * @return its availability
     */
    Availability availability(BackendProvider provider) {
        return probed.computeIfAbsent(provider.name(), n -> {
            try {
                Availability a = provider.availability();
                return a != null ? a : Availability.unavailable("provider returned no availability", null);
            } catch (Throwable t) { // a broken provider must not stop the others
                return Availability.unavailable("probing it threw " + t, t);
            }
        });
    }

    /**
     * Opens the forced backend if there is one, else on the first available one.
     *
     * @return the opened backend
     * @throws BackendUnavailableException see {@link dev.jzx.Loop#open()}
     */
    Backends.Opened open() {
        String forced = forced();
        if (forced != null) {
            return openForced(forced, "-D" + BACKEND_PROPERTY + "=" + forced);
        }
        Map<String, String> skipped = new LinkedHashMap<>();
        List<BackendProvider> order = ordered();
        String reason = "first available in " + (preference().isEmpty() ? "the default order"
                : "-D" + PREFERENCE_PROPERTY + " then the default order");
        for (BackendProvider p : order) {
            Availability a = availability(p);
            if (!a.isAvailable()) {
                skipped.put(p.name(), a.describe());
                LOG.log(Level.INFO, () -> "jzx backend " + p.name() + " is unavailable, trying the next: " + a.describe());
                if (a.cause() != null) {
                    LOG.log(Level.DEBUG, "jzx backend " + p.name() + " is unavailable because of", a.cause());
                }
                continue;
            }
            try {
                Backends.Opened loop = openBackend(p);
                LOG.log(Level.DEBUG, () -> "jzx chose backend " + p.name() + (skipped.isEmpty() ? ""
                        : " after " + skipped) + " (order " + names(order) + ")");
                Jfr.selection(p.name(), p.adapter(), reason, names(order), describeSkipped(skipped), null);
                return loop;
            } catch (RuntimeException | LinkageError e) {
                skipped.put(p.name(), "open failed: " + e);
                // One line at WARNING (the cause says why); the stack trace only for who asks for it.
                LOG.log(Level.WARNING, () -> "jzx backend " + p.name() + " is available but failed to open, trying the next: "
                        + e);
                LOG.log(Level.DEBUG, "jzx backend " + p.name() + " failed to open because of", e);
            }
        }
        BackendUnavailableException failure = new BackendUnavailableException("no jzx backend is available: "
                + describe(skipped)
                + (brokenProviders.isEmpty() ? "" : "; providers that failed to load: " + brokenProviders), null);
        Jfr.selection(null, null, reason, names(order), describeSkipped(skipped), failure.getMessage());
        throw failure;
    }

    /**
     * Opens exactly the named backend.
     *
     * @param name the provider's name
     * @return the opened backend
     * @throws BackendUnavailableException naming it, the cause and the available backends
     */
    Backends.Opened open(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("backend name is " + (name == null ? "null" : "blank"));
        }
        return openForced(name.trim(), "backend '" + name.trim() + "'");
    }

    private Backends.Opened openForced(String name, String asked) {
        String reason = asked.startsWith("-D") ? "forced by " + asked : "asked for by name (Loop.open(String))";
        BackendProvider p = find(name);
        if (p == null) {
            throw failedSelection(name, reason, new BackendUnavailableException(asked + ": no such backend; known: "
                    + names(providers) + "; available: " + available(), null));
        }
        Availability a = availability(p);
        if (!a.isAvailable()) {
            throw failedSelection(p.name(), reason, new BackendUnavailableException(asked + ": " + p.name()
                    + " is unavailable: " + a.describe() + "; available: " + available(), a.cause()));
        }
        try {
            Backends.Opened loop = openBackend(p);
            LOG.log(Level.DEBUG, () -> "jzx opened backend " + p.name() + ", " + reason);
            Jfr.selection(p.name(), p.adapter(), reason, p.name(), "", null);
            return loop;
        } catch (RuntimeException | LinkageError e) {
            throw failedSelection(p.name(), reason, new BackendUnavailableException(asked + ": " + p.name()
                    + " failed to open: " + e + "; available: " + available(), e));
        }
    }

    private static BackendUnavailableException failedSelection(String name, String reason, BackendUnavailableException e) {
        Jfr.selection(null, null, reason, name, "", e.getMessage());
        return e;
    }

    private static String describeSkipped(Map<String, String> skipped) {
        return skipped.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; "));
    }

    private static Backends.Opened openBackend(BackendProvider p) {
        return new Backends.Opened(p.name(), p.open());
    }

    private BackendProvider find(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (BackendProvider p : providers) {
            if (p.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return p;
            }
        }
        return null;
    }

    /** @return the names of the backends that are available (probing those not yet probed) */
    String available() {
        List<String> names = new ArrayList<>();
        for (BackendProvider p : ordered()) {
            if (availability(p).isAvailable()) {
                names.add(p.name());
            }
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String names(List<BackendProvider> ps) {
        return ps.isEmpty() ? "none" : ps.stream().map(BackendProvider::name).collect(Collectors.joining(", "));
    }

    private static String describe(Map<String, String> skipped) {
        if (skipped.isEmpty()) {
            return "no backend provider is installed (add jzx-backend-iouring, jzx-backend-epoll or jzx-backend-kqueue)";
        }
        return skipped.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; "));
    }
}
