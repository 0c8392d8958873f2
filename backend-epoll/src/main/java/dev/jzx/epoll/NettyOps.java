package dev.jzx.epoll;

import dev.jzx.Io;
import dev.jzx.spi.PollBits;
import io.netty.channel.epoll.EpollIoOps;

/**
 * Netty's {@link EpollIoOps} for the {@code events} masks {@link EpollBackend} asks for, made
 * once: {@link EpollIoOps#valueOf} allocates for any value it has not cached. epoll's bits are
 * poll(2)'s ({@link PollBits}); they are not read from {@code io.netty.channel.epoll.Native},
 * which has no EPOLLHUP at all and whose constants load the native library when first touched.
 */
final class NettyOps {
    private static final int READ = PollBits.events(Io.READ);
    private static final int WRITE = PollBits.events(Io.WRITE);
    private static final int BOTH = PollBits.events(Io.READ | Io.WRITE);
    private static final EpollIoOps READ_OPS = EpollIoOps.valueOf(READ);
    private static final EpollIoOps WRITE_OPS = EpollIoOps.valueOf(WRITE);
    private static final EpollIoOps BOTH_OPS = EpollIoOps.valueOf(BOTH);

    private NettyOps() {
    }

    /**
     * Netty's form of a mask.
     *
     * @param events an {@code epoll_event.events} mask
     * @return it as Netty's ops; made once for the masks of each interest, made anew for others
     */
    static EpollIoOps of(int events) {
        if (events == READ) {
            return READ_OPS;
        }
        if (events == WRITE) {
            return WRITE_OPS;
        }
        return events == BOTH ? BOTH_OPS : EpollIoOps.valueOf(events);
    }
}
