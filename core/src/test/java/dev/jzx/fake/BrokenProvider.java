package dev.jzx.fake;

import dev.jzx.spi.Availability;
import dev.jzx.spi.Backend;
import dev.jzx.spi.BackendProvider;

/** A provider whose constructor throws, listed in the test service file: the others must still load. */
public final class BrokenProvider implements BackendProvider {
    public BrokenProvider() {
        throw new IllegalStateException("this provider cannot even be constructed");
    }

    @Override
    public String name() {
        return "broken";
    }

    @Override
    public int preference() {
        return 0;
    }

    @Override
    public Availability availability() {
        throw new AssertionError("unreachable");
    }

    @Override
    public Backend open() {
        throw new AssertionError("unreachable");
    }
}
