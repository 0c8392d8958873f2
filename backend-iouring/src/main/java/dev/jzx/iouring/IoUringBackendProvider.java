package dev.jzx.iouring;

import dev.jzx.spi.Availability;
import dev.jzx.spi.Backend;
import dev.jzx.spi.BackendProvider;

/**
 * The {@code io_uring} backend (preference 100): readiness through POLL_ADD / POLL_REMOVE on
 * Netty's io_uring transport. Native code is loaded only by {@link #availability()}
 * and {@link #open()}, and the machine is probed once per JVM
 * ({@link RingProbe}). {@code -Djzx.iouring.disable=true} makes it unavailable.
 */
public final class IoUringBackendProvider implements BackendProvider {
    /** The name users force it with: {@code -Djzx.backend=io_uring}. */
    public static final String NAME = "io_uring";

    private static final class Probed {
        static final RingProbe RESULT = RingProbe.run();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int preference() {
        return 100;
    }

    @Override
    public Availability availability() {
        return Probed.RESULT.availability;
    }


    /** @return whether the kernel changes a pending poll's events in place (Linux 5.13+); probed once */
    static boolean pollUpdate() {
        return Probed.RESULT.pollUpdate;
    }

    @Override
    public Backend open() {
        Availability a = availability();
        if (!a.isAvailable()) {
            throw new IllegalStateException("io_uring is unavailable: " + a.describe(), a.cause());
        }
        RingConfig config = RingConfig.fromSystemProperties();
        return new IoUringBackend(config.sqEntries, config.cqEntries, Probed.RESULT.pollUpdate);
    }

    @Override
    public String toString() {
        return "IoUringBackendProvider[" + NAME + "]";
    }
}
