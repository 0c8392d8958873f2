package dev.jzx.testsuite;

import dev.jzx.Loop;
import dev.jzx.Poller;
import dev.jzx.spi.Availability;
import dev.jzx.spi.BackendProvider;
import dev.jzx.spi.Backends;
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
    /**
     * Names backends that must be available here, or the build fails: a system property, or the
     * environment variable {@code JZX_REQUIRE} (which {@code .ci/run} sets).
     */
    public static final String REQUIRE_PROPERTY = "jzx.require";
    /** The backend a matrix leg expects {@code Loop.open()} to choose under its flags. */
    public static final String EXPECT_PROPERTY = "jzx.matrix.expect";

    private final String name;
    private final boolean required;
    private final Supplier<Fds> fds;
    private final boolean throughFlags;
    private final KnownLeak knownLeak;

    private BackendFixture(String name, boolean required, Supplier<Fds> fds, boolean throughFlags, KnownLeak knownLeak) {
        this.name = name;
        this.required = required || requiredByProperty(name);
        this.fds = fds;
        this.throughFlags = throughFlags;
        this.knownLeak = knownLeak;
    }

    /**
     * A descriptor leak outside jzx that a backend module documents, which the fault tests
     * tolerate exactly as often as a failure names it (any other leak still fails).
     *
     * @param descriptor what the leaked descriptor names in the descriptor table
     * @param failure    matches the message of a failed {@code Loop.open} that leaked one
     * @param why        whose bug it is, for the test output
     */
    public record KnownLeak(String descriptor, java.util.regex.Pattern failure, String why) {
    }

    /**
     * @param leak the leak to tolerate
     * @return this fixture, tolerating {@code leak}
     */
    public BackendFixture withKnownLeak(KnownLeak leak) {
        return new BackendFixture(name, required, fds, throughFlags, leak);
    }

    /** @return the leak this backend's module documents, or null */
    public KnownLeak knownLeak() {
        return knownLeak;
    }

    private static boolean requiredByProperty(String name) {
        String required = System.getProperty(REQUIRE_PROPERTY, System.getenv().getOrDefault("JZX_REQUIRE", ""));
        for (String r : required.split(",")) {
            if (r.trim().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A matrix leg: loops are opened with {@code Loop.open()}, so the JVM's flags
     * ({@code -Djzx.backend}, {@code -Djzx.backend.preference}, ...) choose the backend, and every
     * open asserts that the choice is the one {@code -Djzx.matrix.expect} names.
     *
     * @param osNames where the expected backend must be available
     * @return the fixture of this JVM's leg
     */
    public static BackendFixture selectedByFlags(String... osNames) {
        String expect = System.getProperty(EXPECT_PROPERTY);
        if (expect == null || expect.isBlank()) {
            throw new IllegalStateException("a matrix leg needs -D" + EXPECT_PROPERTY + "=<backend it must choose>");
        }
        return new BackendFixture(expect.trim(), onOs(osNames), NettyFds::new, true, null);
    }

    private static boolean onOs(String... osNames) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        boolean match = false;
        for (String o : osNames) {
            match |= os.contains(o);
        }
        return match;
    }

    /**
     * @param name    the provider's name
     * @param osNames lower-case fragments of {@code os.name} where the backend must be available
     *                (e.g. "linux"; "mac", "bsd")
     * @return a fixture making real descriptors
     */
    public static BackendFixture requiredOn(String name, String... osNames) {
        return new BackendFixture(name, onOs(osNames), NettyFds::new, false, null);
    }

    /**
     * @param name the provider's name
     * @param fds  makes descriptors the backend understands
     * @return a fixture for a backend that is always available (a test double)
     */
    public static BackendFixture of(String name, Supplier<Fds> fds) {
        return new BackendFixture(name, true, fds, false, null);
    }

    /** @return the backend's name */
    public String name() {
        return name;
    }

    /** Fails (required here) or skips (not for this OS) unless the backend is available. */
    public void requireAvailable() {
        BackendProvider provider = Backends.ordered().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElse(null);
        String why;
        if (provider == null) {
            why = "no provider named " + name + " on the class path";
        } else {
            Availability a = Backends.availability(provider);
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

    /** @return a loop on exactly this backend (for a matrix leg: the one the flags chose, checked) */
    public Loop open() {
        if (!throughFlags) {
            return Loop.open(name);
        }
        Loop loop = Loop.open();
        if (!loop.backend().equals(name)) {
            String chosen = loop.backend();
            loop.close();
            Assertions.fail("Loop.open() chose " + chosen + " under this leg's flags, but the leg expects " + name);
        }
        return loop;
    }

    /**
     * A loop on this backend (for a matrix leg: the one the flags choose, checked) whose waits a
     * test can observe.
     *
     * @return the loop and its observed backend
     */
    public Observed openObserved() {
        if (throughFlags) {
            open().close(); // asserts the flags' choice
        }
        BackendProvider provider = Backends.ordered().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no provider named " + name));
        ObservedProvider observed = new ObservedProvider(provider);
        Loop loop = Loop.open(observed);
        return new Observed(loop, observed.last);
    }

    /**
     * A loop and its backend, observed.
     *
     * @param loop    the loop
     * @param backend its backend
     */
    public record Observed(Loop loop, ObservedBackend backend) {
    }

    /**
     * A poller on this backend (for a matrix leg: the one the flags choose, checked) whose loops'
     * backends a test can observe.
     *
     * @param threads its loop threads
     * @return the poller and its observed backends, one per thread
     */
    public ObservedPoller openPoller(int threads) {
        if (throughFlags) {
            try (Poller p = Poller.open()) {
                if (!p.backend().equals(name)) {
                    Assertions.fail("Poller.open() chose " + p.backend() + " under this leg's flags, but the leg expects " + name);
                }
            }
        }
        BackendProvider provider = Backends.ordered().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no provider named " + name));
        ObservedProvider observed = new ObservedProvider(provider);
        Poller poller = Poller.open(observed, threads);
        return new ObservedPoller(poller, observed.opened);
    }

    /**
     * A poller and the backends of its loop threads, observed.
     *
     * @param poller   the poller
     * @param backends its loops' backends: its threads' in thread order, then its sub-pollers'
     *                 (a live list: sub-pollers open their loops on first use)
     */
    public record ObservedPoller(Poller poller, java.util.List<ObservedBackend> backends) {
        /**
         * Waits until the poller's loops, all together, register {@code fd} with {@code interest}.
         *
         * @param fd       the descriptor
         * @param interest the interest awaited (0: registered nowhere)
         * @param patience how long to wait at most
         * @return whether it got there in time
         * @throws InterruptedException if interrupted
         */
        public boolean awaitRegistered(int fd, int interest, java.time.Duration patience) throws InterruptedException {
            return ObservedBackend.awaitRegistered(backends, fd, interest, patience);
        }

        /** {@return the interest the poller's loops, all together, register {@code fd} with} */
        public int registeredInterest(int fd) {
            int interest = 0;
            for (ObservedBackend b : backends) {
                interest |= b.registeredInterest(fd);
            }
            return interest;
        }
    }

    /** @return a fresh descriptor factory */
    public Fds newFds() {
        return fds.get();
    }
}
