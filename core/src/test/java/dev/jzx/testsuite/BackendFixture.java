package dev.jzx.testsuite;

import dev.jzx.Loop;
import dev.jzx.internal.BackendSelector;
import dev.jzx.spi.Availability;
import dev.jzx.spi.BackendProvider;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Assertions;

/**
 * What a backend module tells the conformance suite: which backend, how to make descriptors
 * for it, and whether this machine must have it. A required backend that is unavailable fails
 * the suite with its cause; only a backend that cannot exist on this OS (kqueue on Linux) is
 * skipped, with the reason printed.
 */
public final class BackendFixture {
    private final String name;
    private final boolean required;
    private final Supplier<Fds> fds;

    private BackendFixture(String name, boolean required, Supplier<Fds> fds) {
        this.name = name;
        this.required = required;
        this.fds = fds;
    }

    /**
     * @param name    the provider's name
     * @param osNames lower-case fragments of {@code os.name} where the backend must be available
     *                (e.g. "linux"; "mac", "bsd")
     * @return a fixture making real descriptors
     */
    public static BackendFixture requiredOn(String name, String... osNames) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        boolean required = false;
        for (String o : osNames) {
            required |= os.contains(o);
        }
        return new BackendFixture(name, required, NettyFds::new);
    }

    /**
     * @param name the provider's name
     * @param fds  makes descriptors the backend understands
     * @return a fixture for a backend that is always available (a test double)
     */
    public static BackendFixture of(String name, Supplier<Fds> fds) {
        return new BackendFixture(name, true, fds);
    }

    /** @return the backend's name */
    public String name() {
        return name;
    }

    /** Fails (required here) or skips (not for this OS) unless the backend is available. */
    public void requireAvailable() {
        BackendSelector selector = BackendSelector.system();
        BackendProvider provider = selector.ordered().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElse(null);
        String why;
        if (provider == null) {
            why = "no provider named " + name + " on the class path";
        } else {
            Availability a = selector.availability(provider);
            if (a.isAvailable()) {
                return;
            }
            why = a.describe();
        }
        if (required) {
            Assertions.fail(name + " is required on " + System.getProperty("os.name") + " but unavailable: " + why);
        }
        System.out.println("[jzx] skipping " + name + " conformance on " + System.getProperty("os.name") + ": " + why);
        Assumptions.abort(name + " unavailable on " + System.getProperty("os.name") + ": " + why);
    }

    /** @return a loop on exactly this backend */
    public Loop open() {
        return Loop.open(name);
    }

    /** @return a fresh descriptor factory */
    public Fds newFds() {
        return fds.get();
    }
}
