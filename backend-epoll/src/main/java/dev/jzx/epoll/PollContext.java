package dev.jzx.epoll;

import dev.jzx.spi.WaitWindow;
import io.netty.channel.IoHandlerContext;

/** What one {@code EpollIoHandler.run} may do: {@link WaitWindow} in the shape Netty asks for it. */
final class PollContext extends WaitWindow implements IoHandlerContext {
    /** A window that does not block until {@link #prepare} says it may. */
    PollContext() {
    }
}
