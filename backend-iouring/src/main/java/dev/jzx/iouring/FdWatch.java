package dev.jzx.iouring;

import dev.jzx.Io;
import dev.jzx.spi.PollBits;
import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.uring.IoUringIoEvent;
import io.netty.channel.uring.IoUringIoHandle;
import io.netty.channel.uring.IoUringIoOps;
import java.util.function.Function;

/**
 * Everything the backend knows about one descriptor number: what {@code core} wants (registered,
 * interest, token), the arming currently in the kernel, and the requests of earlier armings still
 * in flight. One per fd number, reused by every watch of that number, each with its own Netty
 * registration so completions come straight here (no lookup by fd).
 *
 * <h2>Generations</h2>
 * Every arming has a 15-bit generation, sent as the entry's {@code data} and returned by every
 * completion. A new watch, an unwatch and an interest change done by remove + add start a new
 * generation; a plain re-arm after a completion keeps it. A POLL_ADD completion counts only if
 * it carries the current generation while that arming is in flight; anything else is a
 * completion of an older arming (cancelled, or for a file since closed and its number reused)
 * and is dropped. Generations still in flight are never handed out again, so the kernel's
 * user_data ({@code regId<<32 | opcode<<16 | data}) of live polls stays unique.
 *
 * <h2>States</h2>
 * {@link #state} is one {@link Arming}; the transitions are the
 * methods {@link #watch}, {@link #changeInterest}, {@link #unwatch}, {@link #requestArm},
 * {@link #requestWaitUntilWritable}, {@link #leaveWaitUntilWritable}, {@link #armIfQueued} and
 * the completion handling in {@link #handle}. Why the "until writable" pair exists is in
 * {@link IoUringBackend}'s documentation: a one-shot poll cannot wait for writability on a
 * socket whose peer shut its writing side.
 *
 * <h2>Deferred free</h2>
 * {@link #inFlight} counts this fd's requests whose last completion has not arrived (POLL_ADDs,
 * and POLL_REMOVEs, each counted on its own, so the two completions of a cancel may come in
 * either order). The state of an arming is gone for good only when the counter says so; until
 * then its generation stays reserved. The Netty registration is kept until the ring closes.
 */
final class FdWatch implements IoUringIoHandle {
    static final int GENERATION_MASK = 0x7FFF;

    final int fd;
    private final IoUringBackend backend;
    private final IoRegistration registration;

    boolean registered;
    int interest;
    int token;

    Arming state = Arming.IDLE;
    /** Whether this watch sits in the backend's arm queue (possibly no longer wanting it). */
    boolean queued;
    int generation;
    /** The kernel user_data of the current POLL_ADD, for POLL_REMOVE; valid when {@link #ARMED}. */
    private long armedId;
    /** The events the current POLL_ADD polls for (after any in-place update). */
    private int armedEvents;
    /** This fd's POLL_ADD and POLL_REMOVE requests whose final completion is still due. */
    int inFlight;

    private int[] staleGenerations = new int[2];
    private int staleCount;

    /** The last multishot POLL_ADD built, reused as {@link #armOp} is. */
    private IoUringIoOps multishotOp;
    private int multishotOpGeneration = -1;
    private int multishotOpEvents = -1;

    /** The last POLL_ADD built, reused while (generation, events) stay the same: level-triggered re-arms allocate nothing. */
    private IoUringIoOps armOp;
    private int armOpGeneration = -1;
    private int armOpEvents = -1;

    /**
     * @param registrar registers the new watch with the ring ({@link Ring#register}; a test
     *                  may hand in a registration of its own to play completions in any order)
     */
    FdWatch(int fd, IoUringBackend backend, Function<IoUringIoHandle, IoRegistration> registrar) {
        this.fd = fd;
        this.backend = backend;
        this.registration = registrar.apply(this);
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
        int events = PollBits.events(newInterest);
        if (events == armedEvents) {
            return;
        }
        if (updateInPlace) {
            // Result 0: updated. -ENOENT/-EALREADY: the poll is completing with its old mask;
            // its completion re-arms with the interest current then, so nothing is lost.
            submit(PollOps.pollUpdateEvents(armedId, events, generation));
            backend.counts.pollUpdates++;
            armedEvents = events;
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
            submit(PollOps.pollRemove(armedId, generation));
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
     * The one-shot poll found nothing the interest asked for (see {@link #QUEUED_UNTIL_WRITABLE}):
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
            armUntilWritable();
            return;
        }
        if (state != Arming.QUEUED) {
            return;
        }
        int events = PollBits.events(interest);
        if (armOp == null || armOpGeneration != generation || armOpEvents != events) {
            armOp = PollOps.pollAdd(fd, events, generation);
            armOpGeneration = generation;
            armOpEvents = events;
        }
        long id = submit(armOp);
        backend.counts.pollAdds++;
        state = Arming.ARMED;
        armedId = id;
        armedEvents = events;
    }

    private void armUntilWritable() {
        int events = PollBits.events(interest);
        if (multishotOp == null || multishotOpGeneration != generation || multishotOpEvents != events) {
            multishotOp = PollOps.pollAddMultishot(fd, events, generation);
            multishotOpGeneration = generation;
            multishotOpEvents = events;
        }
        long id = submit(multishotOp);
        backend.counts.multishotPollAdds++;
        state = Arming.ARMED_UNTIL_WRITABLE;
        armedId = id;
        armedEvents = events;
    }

    /** @return the interest the last POLL_ADD submitted asked for (kept after it completed) */
    int armedInterest() {
        return ((armedEvents & PollBits.POLLIN) != 0 ? Io.READ : 0) | ((armedEvents & PollBits.POLLOUT) != 0 ? Io.WRITE : 0);
    }

    private long submit(IoUringIoOps op) {
        long id = registration.submit(op);
        if (id == 0) {
            throw new IllegalStateException("io_uring registration of fd " + fd + " is no longer valid");
        }
        inFlight++;
        return id;
    }

    /**
     * One completion of this fd. Runs inside {@code IoUringIoHandler.run}: it must not throw (Netty
     * would log and sleep 100 ms, and skip its outstanding-completion count) and calls no user
     * code; readiness goes to the backend's sink only.
     */
    @Override
    public void handle(IoRegistration reg, IoEvent ioEvent) {
        try {
            IoUringIoEvent event = (IoUringIoEvent) ioEvent;
            int data = (int) event.userData() & GENERATION_MASK;
            boolean more = (event.flags() & PollOps.IORING_CQE_F_MORE) != 0;
            byte op = event.opcode();
            if (op == PollOps.IORING_OP_POLL_ADD) {
                if (!more) {
                    inFlight--;
                }
                if (isArmed() && data == generation) {
                    boolean multishot = state == Arming.ARMED_UNTIL_WRITABLE;
                    if (!more) {
                        state = Arming.IDLE;
                    }
                    backend.counts.currentCompletions++;
                    backend.pollCompleted(this, event.res(), multishot, more);
                } else {
                    backend.counts.staleCompletions++;
                    if (!more) {
                        removeStale(data);
                    }
                }
            } else if (op == PollOps.IORING_OP_POLL_REMOVE) {
                inFlight--;
                backend.cancelCompleted(event.res());
            }
        } catch (Throwable t) {
            backend.internalError(fd, t);
        }
    }

    /** Loop shutdown (Netty's prepareToDestroy): cancel what is armed, then let the registration go. */
    @Override
    public void close() {
        if (isArmed()) {
            registration.submit(PollOps.pollRemove(armedId, generation));
            inFlight++;
            state = Arming.IDLE;
        }
        registered = false;
        registration.cancel();
    }

    /** @return whether no request of this fd is in the kernel and none is wanted: its arming state is free */
    boolean isQuiescent() {
        return inFlight == 0 && !isArmed() && staleCount == 0;
    }

    private int nextGeneration() {
        int g = generation;
        do {
            g = (g + 1) & GENERATION_MASK;
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
            staleGenerations = java.util.Arrays.copyOf(staleGenerations, staleCount * 2);
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
