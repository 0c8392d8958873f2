package dev.jzx.fake;

import dev.jzx.spi.Availability;
import dev.jzx.spi.Backend;
import dev.jzx.spi.BackendProvider;

/** Registers {@link FakeBackend} as the backend "fake" on core's test class path. */
public final class FakeBackendProvider implements BackendProvider {
    @Override
    public String name() {
        return "fake";
    }

    @Override
    public int preference() {
        return 1000;
    }

    @Override
    public Availability availability() {
        return Availability.available();
    }

    @Override
    public Backend open() {
        return new FakeBackend(FakeKernel.INSTANCE);
    }
}
