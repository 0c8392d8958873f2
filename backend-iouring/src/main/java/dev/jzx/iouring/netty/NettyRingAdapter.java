package dev.jzx.iouring.netty;

import dev.jzx.iouring.Ring;
import dev.jzx.iouring.RingAdapter;
import dev.jzx.spi.Availability;
import dev.jzx.spi.KernelAdapter;

/**
 * io_uring through Netty 4.2's native transport: the adapter of JDK 17-21, and of JDK 22+ under
 * {@code -Djzx.adapter=netty}. Everything Netty-shaped (the keeper thread, the reflection on
 * Netty's ring, the executor Netty asks about threads) stays in this package.
 */
public final class NettyRingAdapter implements RingAdapter {
    /** What the last probe found. */
    private volatile boolean pollUpdate;

    /** Creates the adapter; nothing of Netty is loaded before {@link #probe()}. */
    public NettyRingAdapter() {
    }

    @Override
    public String name() {
        return KernelAdapter.NETTY.label();
    }

    @Override
    public Availability probe() {
        // On the class path a Netty without the 4.2 API is named; on the module path the module
        // system says what is missing when the probe touches Netty.
        String missing = NettyRingAdapter.class.getModule().isNamed() ? null
                : KernelAdapter.missingNetty42(NettyRingAdapter.class.getClassLoader(),
                        "io.netty.channel.IoHandle", "io.netty.channel.uring.IoUringIoHandler");
        RingProbe probed = missing != null ? RingProbe.unusable(missing) : RingProbe.run();
        pollUpdate = probed.pollUpdate;
        return probed.availability;
    }

    @Override
    public boolean pollUpdate() {
        return pollUpdate;
    }

    @Override
    public Ring open(int sqEntries, int cqEntries) {
        return new NettyRing(sqEntries, cqEntries);
    }
}
