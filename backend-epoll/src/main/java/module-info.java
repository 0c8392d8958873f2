/**
 * The {@code epoll} backend of jzx-io (Linux), on Netty's native epoll transport. Put the
 * native jar's module ({@code io.netty.transport.epoll.linux.x86_64}, or the one for your
 * architecture) on the module path too, with {@code --add-modules} since nothing requires it.
 *
 * @provides dev.jzx.spi.BackendProvider the backend named {@code "epoll"}
 */
module dev.jzx.backend.epoll {
    requires dev.jzx.core;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.transport.unix.common;
    requires io.netty.transport.classes.epoll;

    provides dev.jzx.spi.BackendProvider with dev.jzx.epoll.EpollBackendProvider;
}
