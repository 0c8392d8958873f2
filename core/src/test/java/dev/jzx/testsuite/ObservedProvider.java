package dev.jzx.testsuite;

import dev.jzx.spi.Availability;
import dev.jzx.spi.Backend;
import dev.jzx.spi.BackendProvider;

/** A provider whose backends are {@link ObservedBackend}s around those of another. */
final class ObservedProvider implements BackendProvider {
    private final BackendProvider inner;
    /** The backend of the last {@link #open()}. */
    ObservedBackend last;
    /** Every backend opened, in order. */
    final java.util.List<ObservedBackend> opened = new java.util.concurrent.CopyOnWriteArrayList<>();

    ObservedProvider(BackendProvider inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public int preference() {
        return inner.preference();
    }

    @Override
    public Availability availability() {
        return inner.availability();
    }

    @Override
    public Backend open() {
        last = new ObservedBackend(inner.open());
        opened.add(last);
        return last;
    }
}
