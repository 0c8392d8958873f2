package dev.jzx.spi;

import dev.jzx.fake.FakeBackends;
import java.util.function.Supplier;

/** A provider whose answers a selection test sets; counts how often it was probed and opened. */
final class StubProvider implements BackendProvider {
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
