package dev.jzx.spi;

/**
 * Where a backend puts the readiness it collected during {@link Backend#poll}. Implemented by
 * {@code core}: a sink that records (for every backend), or one that calls the report's handler
 * at once (for a backend whose {@link Backend#reentrantPoll()} is true). Neither throws, so a
 * backend may call it from inside its kernel adapter's completion handling.
 */
@FunctionalInterface
public interface ReadySink {
    /**
     * Takes one readiness report; never throws.
     *
     * @param fd        the descriptor
     * @param token     the token of the registration that produced this readiness
     * @param readiness {@link dev.jzx.Io} bits as the kernel returned them (never the mask
     *                  requested), plus {@link Backend#DROPPED} when the registration has ended
     */
    void ready(int fd, int token, int readiness);
}
