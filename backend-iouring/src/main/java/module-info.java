/**
 * The {@code io_uring} backend of jzx-io (Linux 5.13+), on Netty's native io_uring transport.
 * Put the native jar's module ({@code io.netty.transport.io_uring.linux.x86_64}, or the one for
 * your architecture) on the module path too, with {@code --add-modules} since nothing requires it.
 *
 * @provides dev.jzx.spi.BackendProvider the backend named {@code "io_uring"}
 */
module dev.jzx.backend.iouring {
    requires dev.jzx.core;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.transport.unix.common;
    requires io.netty.transport.classes.io_uring;

    provides dev.jzx.spi.BackendProvider with dev.jzx.iouring.IoUringBackendProvider;
}
