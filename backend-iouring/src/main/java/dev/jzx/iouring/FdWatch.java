package dev.jzx.iouring;

import dev.jzx.spi.PollBits;
import java.util.Arrays;

/**
 * Everything the backend knows about one descriptor number: what {@code core} wants (registered,
 * interest, token), the arming currently in the kernel, and the requests of earlier armings still
 * in flight. One per fd number, reused by every watch of that number.
 *
 * <h2>Generations</h2>
 * Every arming has a generation, carried in the request's user_data and returned by every
 * completion (as many bits as the ring's {@link Ring#generationMask()}: 32 on the FFM ring, 15
 * through Netty). A new watch, an unwatch and an interest change done by remove + add start a
 * new generation; a plain re-arm after a completion keeps it. A POLL_ADD completion counts only
 * if it carries the current generation while that arming is in flight; anything else is a
 * completion of an older arming (cancelled, or for a file since closed and its number reused)
 * and is dropped. Generations still in flight are never handed out again, so the user_data of
 * live polls stays unique.
 *
 * <h2>States</h2>
 * {@link #state} is one {@link Arming}; the transitions are the
 * methods {@link #watch}, {@link #changeInterest}, {@link #unwatch}, {@link #requestArm},
 * {@link #requestWaitUntilWritable}, {@link #leaveWaitUntilWritable}, {@link #armIfQueued} and
 * the completion handling in {@link #completed}. Why the "until writable" pair exists is in
 * {@link IoUringBackend}'s documentation: a one-shot poll cannot wait for writability on a
 * socket whose peer shut its writing side.
 *
 * <h2>Deferred free</h2>
 * {@link #inFlight} counts this fd's requests whose last completion has not arrived (POLL_ADDs,
 * and POLL_REMOVEs, each counted on its own, so the two completions of a cancel may come in
 * either order). The state of an arming is gone for good only when the counter says so; until
 * then its generation stays reserved.
 */
final class FdWatch {
    final int fd;
    private final IoUringBackend backend;
    private Ring ring;
    private int generationMask;

    boolean registered;
    int interest;
    int token;

    Arming state = Arming.IDLE;
    /** Whether this watch sits in the backend's arm queue (possibly no longer wanting it). */
    boolean queued;
    int generation;
    /** The id of the current POLL_ADD, for POLL_REMOVE; valid while {@link #isArmed()}. */
    private long armedId;
    /** The interest the current POLL_ADD polls for (after any in-place update); kept after it completed. */
    private int armedInterest;
    /** This fd's POLL_ADD and POLL_REMOVE requests whose final completion is still due. */
    int inFlight;

    private int[] staleGenerations = new int[2];
    private int staleCount;

    /**
     * @param ring where its requests go (a test may hand in a ring of its own to play
     *             completions in any order)
     */
    FdWatch(int fd, IoUringBackend backend, Ring ring) {
        this.fd = fd;
        this.backend = backend;
        this.ring = ring;
        this.generationMask = ring.generationMask();
    }

    /** A new watch of whatever file the number names now: the old arming is cancelled, a new one queued. */
    void watch(int newInterest, int newToken) {
        retire();
        registered = true;
        interest = newInterest;
        token = newToken;
        requestArm();
    }

    /** Same file, same token, new interest: update in place, or remove + add, or just remember it. */
    void changeInterest(int newInterest, boolean updateInPlace) {
        interest = newInterest;
        if (state == Arming.QUEUED_UNTIL_WRITABLE) {
            state = Arming.QUEUED; // a one-shot poll of the new interest finds out afresh
            return;
        }
        if (state == Arming.ARMED_UNTIL_WRITABLE) {
            leaveWaitUntilWritable();
            return;
        }
        if (state != Arming.ARMED) {
            return; // a queued arm reads the interest when it is submitted
        }
        if (newInterest == armedInterest) {
            return;
        }
        if (updateInPlace) {
            // Result 0: updated. -ENOENT/-EALREADY: the poll is completing with its old mask;
            // its completion re-arms with the interest current then, so nothing is lost.
            ring.pollUpdate(fd, armedId, PollBits.events(newInterest), generation);
            sent();
            backend.counts.pollUpdates++;
            armedInterest = newInterest;
        } else {
            retire();
            requestArm();
        }
    }

    void unwatch() {
        registered = false;
        token = 0;
        retire();
    }

    /** Cancels the current arming, if in the kernel, and starts a new generation. */
    private void retire() {
        if (isArmed()) {
            ring.pollRemove(fd, armedId, generation);
            sent();
            backend.counts.pollRemoves++;
            addStale(generation);
        }
        state = Arming.IDLE;
        generation = nextGeneration();
    }

    void requestArm() {
        state = Arming.QUEUED;
        if (!queued) {
            queued = true;
            backend.queueArm(this);
        }
    }

    /**
     * The one-shot poll found nothing the interest asked for (see {@link Arming#QUEUED_UNTIL_WRITABLE}):
     * wait with a multishot poll instead, submitted at the start of the next poll. The one-shot
     * has completed, so the generation is kept.
     */
    void requestWaitUntilWritable() {
        state = Arming.QUEUED_UNTIL_WRITABLE;
        if (!queued) {
            queued = true;
            backend.queueArm(this);
        }
    }

    /**
     * The multishot poll delivered a wanted bit (or the interest changed): cancel it and go back
     * to level-triggered one-shot polls.
     */
    void leaveWaitUntilWritable() {
        retire();
        requestArm();
    }

    /** @return whether a POLL_ADD of the current generation is in the kernel (one-shot or multishot) */
    boolean isArmed() {
        return state.inKernel();
    }

    /** Called by the backend's arm queue at the start of a poll. */
    void armIfQueued() {
        queued = false;
        if (!registered) {
            return;
        }
        if (state == Arming.QUEUED_UNTIL_WRITABLE) {
            arm(true);
        } else if (state == Arming.QUEUED) {
            arm(false);
        }
    }

    /** Submits the POLL_ADD wanted: one-shot, or the multishot wait until writable. */
    private void arm(boolean untilWritable) {
        int events = PollBits.events(interest);
        long id = ring.pollAdd(fd, events, untilWritable, generation);
        sent();
        if (untilWritable) {
            backend.counts.multishotPollAdds++;
        } else {
            backend.counts.pollAdds++;
        }
        state = untilWritable ? Arming.ARMED_UNTIL_WRITABLE : Arming.ARMED;
        armedId = id;
        armedInterest = interest;
    }

    /** @return the interest the last POLL_ADD submitted asked for (kept after it completed) */
    int armedInterest() {
        return armedInterest;
    }

    /**
     * One completion of this fd's requests, from inside the ring's run; calls no user code
     * (readiness goes to the backend's sink only).
     */
    void completed(boolean remove, int data, int res, int flags) {
        boolean more = (flags & Uring.IORING_CQE_F_MORE) != 0;
        if (remove) {
            done();
            backend.cancelCompleted(res);
            return;
        }
        if (!more) {
            done();
        }
        if (isArmed() && data == (generation & generationMask)) {
            boolean multishot = state == Arming.ARMED_UNTIL_WRITABLE;
            if (!more) {
                state = Arming.IDLE;
            }
            backend.counts.currentCompletions++;
            backend.pollCompleted(this, res, multishot, more);
        } else {
            backend.counts.staleCompletions++;
            if (!more) {
                removeStale(data);
            }
        }
    }

    private void sent() {
        inFlight++;
        backend.requestsInFlight++;
    }

    private void done() {
        inFlight--;
        backend.requestsInFlight--;
    }

    /**
     * The backend moved to {@code next}, abandoning the old ring with every request in it: none
     * is in flight any more, and a poll that was armed is queued again in the new ring.
     */
    void moveTo(Ring next) {
        ring = next;
        generationMask = next.generationMask();
        inFlight = 0;
        staleCount = 0;
        if (isArmed()) {
            requestArm();
        }
    }

    /** @return whether no request of this fd is in the kernel and none is wanted: its arming state is free */
    boolean isQuiescent() {
        return inFlight == 0 && !isArmed() && staleCount == 0;
    }

    private int nextGeneration() {
        int g = generation;
        do {
            g = (g + 1) & generationMask;
        } while (isStale(g));
        return g;
    }

    private boolean isStale(int g) {
        for (int i = 0; i < staleCount; i++) {
            if (staleGenerations[i] == g) {
                return true;
            }
        }
        return false;
    }

    private void addStale(int g) {
        if (staleCount == staleGenerations.length) {
            staleGenerations = Arrays.copyOf(staleGenerations, staleCount * 2);
        }
        staleGenerations[staleCount++] = g;
    }

    private void removeStale(int g) {
        for (int i = 0; i < staleCount; i++) {
            if (staleGenerations[i] == g) {
                staleGenerations[i] = staleGenerations[--staleCount];
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "FdWatch[fd=" + fd + ", registered=" + registered + ", interest=" + interest + ", state=" + state
                + ", generation=" + generation + ", inFlight=" + inFlight + ", stale=" + staleCount + "]";
    }
}
