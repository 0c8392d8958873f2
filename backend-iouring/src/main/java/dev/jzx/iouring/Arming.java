package dev.jzx.iouring;

/**
 * Where one fd's arming stands, as one explicit state (libxev's completion states): what is in
 * the kernel for the current generation, and what the next poll will submit. The transitions
 * are {@link FdWatch}'s methods.
 */
enum Arming {
    /** Nothing in the kernel for the current generation, nothing wanted (or a refusal awaits unwatch). */
    IDLE,
    /** A POLL_ADD is wanted and will be submitted at the start of the next poll. */
    QUEUED,
    /** The current generation's POLL_ADD is in the kernel. */
    ARMED,
    /**
     * A one-shot poll completed with only bits the interest did not ask for (the kernel's
     * unconditional EPOLLRDHUP with WRITE-only interest): a multishot POLL_ADD is wanted, to be
     * submitted at the start of the next poll.
     */
    QUEUED_UNTIL_WRITABLE,
    /** The current generation's multishot POLL_ADD is in the kernel, waiting for a wanted bit. */
    ARMED_UNTIL_WRITABLE;

    /** {@return whether a POLL_ADD of the current generation is in the kernel} */
    boolean inKernel() {
        return this == ARMED || this == ARMED_UNTIL_WRITABLE;
    }
}
