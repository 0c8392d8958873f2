package dev.jzx.iouring.netty;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.spi.Availability;

/** The tests of this package drive Netty's io_uring directly: it must be usable here, never skipped. */
final class NettyAvailable {
    private NettyAvailable() {
    }

    /** Fails, with the cause, unless io_uring works through Netty on this machine. */
    static void require() {
        Availability a = new NettyRingAdapter().probe();
        assertTrue(a.isAvailable(), () -> "io_uring through Netty must be available here: " + a);
    }
}
