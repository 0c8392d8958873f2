package dev.jzx;

/**
 * Where a {@link Poller} hands a wait: a platform {@link PollerThread}, or on JDK 22+ a
 * sub-poller serving virtual threads. Every method may be called from any thread.
 */
interface PollerLane {
    /**
     * Hands {@code w} over; it is armed before its thread next parks or soon after.
     *
     * @throws IllegalStateException if the poller is closed
     */
    void arrive(PollerWait w);

    /**
     * Withdraws {@code w} unless it has ended already.
     *
     * @return whether this call withdrew it
     */
    boolean withdraw(PollerWait w);

    /** {@return whether the calling thread is the one that runs this lane's loop} */
    boolean isCurrent();

    /** Asks the lane to fail its waits, close its loop and end. */
    void requestClose();

    /** Waits until the lane has ended; does not wait for itself. */
    void awaitEnd();

    /**
     * Joins {@code t}: a closing poller waits for its threads whatever interrupts come, and
     * leaves the interrupt status set for its caller.
     *
     * @param t a thread of the poller's, not the caller
     */
    static void join(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
