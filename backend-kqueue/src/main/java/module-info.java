/**
 * The {@code kqueue} backend of jzx-io (macOS, BSD), on Netty's native kqueue transport. Put
 * the native jar's module ({@code io.netty.transport.kqueue.osx.aarch_64} or
 * {@code io.netty.transport.kqueue.osx.x86_64}) on the module path too, with
 * {@code --add-modules} since nothing requires it.
 *
 * @provides dev.jzx.spi.BackendProvider the backend named {@code "kqueue"}
 */
module dev.jzx.backend.kqueue {
    requires dev.jzx.core;
    requires io.netty.common;
    requires io.netty.transport;
    requires io.netty.transport.unix.common;
    requires io.netty.transport.classes.kqueue;

    provides dev.jzx.spi.BackendProvider with dev.jzx.kqueue.KqueueBackendProvider;
}
