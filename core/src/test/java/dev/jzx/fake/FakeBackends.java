package dev.jzx.fake;

import dev.jzx.spi.Backend;

/** Opens fake backends for core tests outside this package. */
public final class FakeBackends {
    private FakeBackends() {
    }

    /** @return a new fake backend over the shared fake kernel */
    public static Backend open() {
        return new FakeBackend(FakeKernel.INSTANCE);
    }
}
