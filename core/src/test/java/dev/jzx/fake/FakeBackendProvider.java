package dev.jzx.fake;

import dev.jzx.spi.Availability;
import dev.jzx.spi.Backend;
import dev.jzx.spi.BackendProvider;
import dev.jzx.spi.Capability;
import java.util.EnumSet;
import java.util.Set;

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
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.INTEREST_CHANGE_IN_PLACE, Capability.SYNCHRONOUS_REFUSAL);
    }

    @Override
    public Backend open() {
        return new FakeBackend(FakeKernel.INSTANCE);
    }
}
