/**
 * jzx-io: watch any file descriptor for readiness from the JVM.
 *
 * <ul>
 *   <li>{@link dev.jzx} is the API: {@link dev.jzx.Loop}, {@link dev.jzx.ReadyHandler},
 *       {@link dev.jzx.Timer}, {@link dev.jzx.Io}, {@link dev.jzx.RunMode}.</li>
 *   <li>{@link dev.jzx.spi} is the backend SPI: implement {@link dev.jzx.spi.BackendProvider}
 *       and declare it with {@code provides dev.jzx.spi.BackendProvider with ...} (and a
 *       {@code META-INF/services} entry for the class path). {@link dev.jzx.spi.Backends}
 *       lists the installed backends and how {@link dev.jzx.Loop#open()} chooses.</li>
 *   <li>{@code dev.jzx.internal} holds building blocks of the runtime; it is not exported.</li>
 * </ul>
 *
 * <p>JFR events ({@code dev.jzx.Run}, {@code dev.jzx.BackendSelection}) are emitted only when
 * the {@code jdk.jfr} module is present and a recording enables them; on the module path
 * {@code jdk.jfr} is resolved by {@code -XX:StartFlightRecording} or
 * {@code --add-modules jdk.jfr}. Logging goes through {@link System.Logger} under the name
 * {@code dev.jzx}.
 *
 * @uses dev.jzx.spi.BackendProvider
 */
module dev.jzx.core {
    exports dev.jzx;
    exports dev.jzx.spi;
    // the FFM kernel adapters share its C library calls (dev.jzx.internal.Libc, JDK 22+)
    exports dev.jzx.internal to dev.jzx.backend.iouring, dev.jzx.backend.epoll;

    requires static jdk.jfr;

    uses dev.jzx.spi.BackendProvider;
}
