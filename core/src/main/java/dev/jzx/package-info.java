/**
 * The jzx-io API: watch any file descriptor for readiness and get a callback on the thread
 * that runs the loop.
 *
 * <p>This package is the public API, the one applications use: {@link dev.jzx.Loop} (open,
 * watch, schedule, run, close), {@link dev.jzx.ReadyHandler}, {@link dev.jzx.Timer}, the readiness bits in {@link dev.jzx.Io},
 * {@link dev.jzx.RunMode} and {@link dev.jzx.BackendUnavailableException}. It is stable within a
 * major version.
 *
 * <pre>{@code
 * try (Loop loop = Loop.open()) {
 *     loop.watch(fd, Io.READ, (f, readiness) -> {
 *         // read f until EAGAIN
 *         return true;                  // keep watching
 *     });
 *     while (running) {
 *         loop.run(RunMode.ONCE);
 *     }
 * }
 * }</pre>
 *
 * <p>What a loop guarantees, and what it does not, is in the javadoc of {@link dev.jzx.Loop} and
 * {@link dev.jzx.Poller}, and in full, numbered, in the project's contract ({@code docs/contract.md}
 * in the source repository).
 *
 * <p>Backends are plugged in through {@link dev.jzx.spi} (the SPI); {@code dev.jzx.internal} is
 * the runtime behind {@link dev.jzx.Loop} and is not part of the API (not exported on the module
 * path; do not use it on the class path either).
 */
package dev.jzx;
