/**
 * The {@code epoll} backend of jzx-io (Linux). On JDK 22+ it makes its own system calls through
 * {@code java.lang.foreign} and needs no Netty at all (enable native access for
 * {@code dev.jzx.core}, which links them). On JDK 17 to 21, or under {@code -Djzx.adapter=netty},
 * it runs on Netty's native epoll transport: then put Netty's epoll modules on the module path
 * and resolve them with {@code --add-modules io.netty.transport.classes.epoll} and the native
 * jar's module ({@code io.netty.transport.epoll.linux.x86_64}, or the one for your architecture),
 * since nothing requires them.
 *
 * @provides dev.jzx.spi.BackendProvider the backend named {@code "epoll"}
 */
module dev.jzx.backend.epoll {
    requires dev.jzx.core;
    // Only the Netty adapter touches these, and only when it is the one chosen.
    requires static io.netty.common;
    requires static io.netty.transport;
    requires static io.netty.transport.unix.common;
    requires static io.netty.transport.classes.epoll;

    // core's KernelAdapter.loadFfm constructs the FFM adapter's factory by reflection
    opens dev.jzx.epoll to dev.jzx.core;

    provides dev.jzx.spi.BackendProvider with dev.jzx.epoll.EpollBackendProvider;
}
