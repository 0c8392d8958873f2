/**
 * The backend SPI: what a backend implements to be chosen by {@link dev.jzx.Loop#open()}, and
 * what tools can ask about the installed backends.
 *
 * <p>A backend is a {@link java.util.ServiceLoader} provider of
 * {@link dev.jzx.spi.BackendProvider}, declared with {@code META-INF/services} on the class path
 * and {@code provides dev.jzx.spi.BackendProvider with ...} on the module path. The provider
 * says whether it is available ({@link dev.jzx.spi.Availability}) and opens a
 * {@link dev.jzx.spi.Backend}: a narrow kernel adapter (arm, re-arm, cancel, wait, wake) that
 * reports readiness to a {@link dev.jzx.spi.ReadySink}. Everything shared (the fd table, dispatch,
 * the unwatch guarantee, cross-thread commands, wake-up coalescing) is in the runtime, not in the
 * backend.
 *
 * <p>{@link dev.jzx.spi.Backends} lists the installed providers, their availability with the
 * cause when unavailable, and the order {@link dev.jzx.Loop#open()} tries them in; it is what
 * {@code jzx doctor} prints.
 *
 * <p>Applications need only {@link dev.jzx}; this package is for backend authors and tools.
 */
package dev.jzx.spi;
