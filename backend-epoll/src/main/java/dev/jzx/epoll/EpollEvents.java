package dev.jzx.epoll;

import dev.jzx.Io;
import dev.jzx.spi.PollBits;
import io.netty.channel.epoll.EpollIoOps;

/**
 * The {@code epoll_event.events} asked for each interest. epoll's bits are poll(2)'s
 * ({@link PollBits}); they are not read from {@code io.netty.channel.epoll.Native}, which has no
 * EPOLLHUP at all and whose constants load the native library when first touched.
 */
final class EpollEvents {

    /**
     * What to ask the kernel for, indexed by interest ({@code Io.READ}, {@code Io.WRITE} or both).
     * No EPOLLET: level-triggered, as poll(2). READ also asks for EPOLLRDHUP (see
     * {@link PollBits#events}); EPOLLERR and EPOLLHUP need no asking.
     * Built once, because {@link EpollIoOps#valueOf} allocates for any value it has not cached.
     */
    private static final EpollIoOps[] OPS_BY_INTEREST = {
        null,
        EpollIoOps.valueOf(PollBits.events(Io.READ)),
        EpollIoOps.valueOf(PollBits.events(Io.WRITE)),
        EpollIoOps.valueOf(PollBits.events(Io.READ | Io.WRITE)),
    };

    private EpollEvents() {
    }

    /** @param interest {@code Io.READ}, {@code Io.WRITE} or both */
    static EpollIoOps ops(int interest) {
        return OPS_BY_INTEREST[interest & Io.INTEREST_MASK];
    }
}
