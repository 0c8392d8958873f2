/**
 * The {@code io_uring} backend of jzx-io (Linux 5.13+). On JDK 22+ it drives its own ring through
 * {@code java.lang.foreign} and needs no other module: run with
 * {@code --enable-native-access=dev.jzx.core,dev.jzx.backend.iouring}. On JDK 17-21 it drives
 * Netty 4.2's io_uring transport: put Netty's modules on the module path with
 * {@code --add-modules} (the native jar's module {@code io.netty.transport.io_uring.linux.x86_64}
 * too, since nothing requires it) and {@code --add-opens
 * io.netty.transport.classes.io_uring/io.netty.channel.uring=dev.jzx.backend.iouring}.
 *
 * @provides dev.jzx.spi.BackendProvider the backend named {@code "io_uring"}
 */
module dev.jzx.backend.iouring {
    requires dev.jzx.core;
    requires static io.netty.common;
    requires static io.netty.transport;
    requires static io.netty.transport.unix.common;
    requires static io.netty.transport.classes.io_uring;

    // the FFM adapter is made by name (dev.jzx.spi.KernelAdapter.loadFfm), compiled for JDK 22
    opens dev.jzx.iouring to dev.jzx.core;

    provides dev.jzx.spi.BackendProvider with dev.jzx.iouring.IoUringBackendProvider;
}
