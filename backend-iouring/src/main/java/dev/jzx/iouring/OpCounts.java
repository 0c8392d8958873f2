package dev.jzx.iouring;

/**
 * What one backend has asked of the kernel and what came back; plain counters, written only by
 * the thread inside the backend. Package-private: tests read them to see that an arm really
 * was a POLL_ADD and an unwatch really a POLL_REMOVE.
 */
final class OpCounts {
    /** POLL_ADD entries submitted. */
    long pollAdds;
    /** Multishot POLL_ADD entries submitted (waits until writable on a half-closed socket). */
    long multishotPollAdds;
    /**
     * The most POLL_ADDs one poll wrote before its ring entry: the submission queue holds them
     * all, so they reach the kernel together, in that entry's one {@code io_uring_enter}.
     */
    long largestArmBatch;
    /** POLL_REMOVE entries submitted to cancel a poll. */
    long pollRemoves;
    /** POLL_REMOVE entries submitted with IORING_POLL_UPDATE_EVENTS. */
    long pollUpdates;
    /** POLL_ADD completions of the current arming of a watched fd (the ones that can be reported). */
    long currentCompletions;
    /** POLL_ADD completions of an arming already superseded or cancelled: dropped, never reported. */
    long staleCompletions;
    /** POLL_REMOVE completions by result: the poll was found and removed (or updated). */
    long cancelRemoved;
    /** POLL_REMOVE completions: -ENOENT, the poll had already completed. */
    long cancelNotFound;
    /** POLL_REMOVE completions: -EALREADY, the poll was completing at that moment. */
    long cancelAlready;
    /** POLL_REMOVE completions with any other result. */
    long cancelOther;
    /** Moves to a larger ring (more requests in flight than the completion queue held). */
    long ringsGrown;

    @Override
    public String toString() {
        return "OpCounts[pollAdds=" + pollAdds + ", multishotPollAdds=" + multishotPollAdds + ", pollRemoves=" + pollRemoves + ", pollUpdates=" + pollUpdates + ", largestArmBatch=" + largestArmBatch
                + ", currentCompletions=" + currentCompletions + ", staleCompletions=" + staleCompletions
                + ", cancelRemoved=" + cancelRemoved + ", cancelNotFound=" + cancelNotFound
                + ", cancelAlready=" + cancelAlready + ", cancelOther=" + cancelOther + ", ringsGrown=" + ringsGrown + "]";
    }
}
