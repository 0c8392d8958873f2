package dev.jzx.iouring;

/** Where a {@link Ring} hands the completions it reaps, one call each, in the order reaped. */
@FunctionalInterface
public interface RingCompletions {
    /**
     * One completion.
     *
     * @param fd         the request's descriptor
     * @param remove     whether it is a POLL_REMOVE's (a cancel or an update), not a POLL_ADD's
     * @param generation the request's generation, cut to {@link Ring#generationMask()}
     * @param res        the kernel's result: poll(2) events, or {@code -errno}
     * @param flags      the completion's flags ({@code IORING_CQE_F_MORE})
     */
    void completed(int fd, boolean remove, int generation, int res, int flags);
}
