package dev.jzx.spi;

import dev.jzx.fake.FakeBackends;
import java.util.function.Supplier;

/** A provider whose answers a test sets; counts how often it was probed and opened. */
public final class StubProvider implements BackendProvider {
    private final String name;
    private final int preference;
    private final Supplier<Availability> availability;
    private final Supplier<Backend> open;
    int probes;
    int opens;

    private StubProvider(String name, int preference, Supplier<Availability> availability, Supplier<Backend> open) {
        this.name = name;
        this.preference = preference;
        this.availability = availability;
        this.open = open;
    }

    static StubProvider available(String name, int preference) {
        return new StubProvider(name, preference, Availability::available, FakeBackends::open);
    }

    /**
     * @param name its name
     * @param open what {@link #open()} returns (or throws)
     * @return an available provider opening backends of the test's own making
     */
    public static StubProvider opening(String name, Supplier<Backend> open) {
        return new StubProvider(name, 0, Availability::available, open);
    }

    static StubProvider unavailable(String name, int preference, String reason) {
        return new StubProvider(name, preference,
                () -> Availability.unavailable(reason, new UnsupportedOperationException(reason + " (cause)")),
                () -> {
                    throw new AssertionError("an unavailable backend was opened");
                });
    }

    static StubProvider throwingProbe(String name, int preference) {
        return new StubProvider(name, preference, () -> {
            throw new UnsatisfiedLinkError("no libnative_" + name + " in java.library.path");
        }, FakeBackends::open);
    }

    static StubProvider failingOpen(String name, int preference) {
        return new StubProvider(name, preference, Availability::available, () -> {
            throw new IllegalStateException("setup refused: EPERM");
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int preference() {
        return preference;
    }

    @Override
    public Availability availability() {
        probes++;
        return availability.get();
    }

    @Override
    public Backend open() {
        opens++;
        return open.get();
    }
}
