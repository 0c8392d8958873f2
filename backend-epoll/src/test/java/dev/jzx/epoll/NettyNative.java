package dev.jzx.epoll;

/**
 * The tests make descriptors through Netty's native code ({@code NettyFds}, {@link Duplicates}),
 * which the Netty adapter's probe loads; under the FFM adapter nothing of jzx loads it, so the
 * tests do, before making any.
 */
final class NettyNative {
    private NettyNative() {
    }

    /** Loads Netty's epoll library (with its unix descriptor calls) if this machine has it. */
    static void load() {
        io.netty.channel.epoll.Epoll.isAvailable();
    }
}
