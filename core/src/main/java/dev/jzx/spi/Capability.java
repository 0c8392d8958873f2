package dev.jzx.spi;

/**
 * What a backend does natively, after libxev's superset of backend features. {@code core}
 * adapts where one is missing; {@code jzx doctor} lists them.
 */
public enum Capability {
    /**
     * {@link Backend#reregister} changes the interest of a live registration without
     * re-arming it. Without it, {@code core} re-arms through {@link Backend#register} with a
     * fresh token.
     */
    INTEREST_CHANGE_IN_PLACE,
    /**
     * Refusals (a closed fd, an unpollable file) are known when {@link Backend#register}
     * returns, rather than reported later by {@link Backend#poll} as {@link Backend#DROPPED}.
     */
    SYNCHRONOUS_REFUSAL,
    /** The kernel keeps one request armed across many readiness reports (io_uring multishot poll). */
    MULTISHOT,
    /** The kernel can change a pending poll's mask without cancelling it (io_uring poll update). */
    POLL_UPDATE,
    /** Many arm and cancel operations reach the kernel in one system call. */
    BATCHED_SUBMISSION
}
