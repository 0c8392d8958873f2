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
     * The backend's kernel wait has returned; its reports, if any, follow. A backend whose
     * {@link Backend#reentrantPoll()} is true calls this once per poll, after the wait and before
     * the first report it reads from the kernel's answer, so that the loop ends its wait there
     * (a wake-up consumed, the time blocked taken) and not at a check in every report. Should it
     * not, the first report ends the wait. Never throws; a recording sink ignores it.
     */
    default void waitOver() {
    }

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
