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
 * <h2>Writing a backend</h2>
 * What a backend must do is the project's contract, {@code docs/contract.md} in the source
 * repository: its section "What a backend provides" says which numbered items core keeps for
 * every backend and which the backend keeps itself; {@code docs/contributing.md} walks through
 * adding one. A backend is conformant when the conformance suites pass against it. They ship in
 * core's test jar (artifact {@code jzx-core}, type {@code test-jar}, package
 * {@code dev.jzx.testsuite}); a backend runs each suite with a subclass that names it through a
 * {@code BackendFixture}:
 *
 * <pre>{@code
 * class MyReadinessTest extends ReadinessSuite {                 // one such class per suite
 *     MyReadinessTest() {
 *         super(BackendFixture.requiredOn("mine", "linux"));     // fails, never skips, on Linux
 *     }
 * }
 * }</pre>
 *
 * <p>{@link dev.jzx.spi.Backends} lists the installed providers, their availability with the
 * cause when unavailable, and the order {@link dev.jzx.Loop#open()} tries them in; it is what
 * {@code jzx doctor} prints.
 *
 * <p>Applications need only {@link dev.jzx}; this package is for backend authors and tools.
 */
package dev.jzx.spi;
