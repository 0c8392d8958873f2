package dev.jzx;

import dev.jzx.internal.Fields;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A virtual thread that serves virtual threads' waits on one loop, as the JDK's read
 * sub-pollers serve its sockets. Whoever holds its <em>look</em> (a flag taken by
 * compare-and-set, never waited for) may take the inbox and run the loop without blocking:
 * <ul>
 *   <li>a waiting thread, which so arms its own wait before it parks, with no hand-over: one
 *       {@code epoll_ctl} where the backend applies it at once. Where changes wait for a poll
 *       (io_uring: {@link dev.jzx.spi.Backend#changesWaitForPoll()}) and the sub-poller is
 *       awake, the arm is left queued: the sub-poller runs the loop again before it parks, and
 *       that run submits every arm queued meanwhile in one {@code io_uring_enter}. With the
 *       sub-poller parked, the waiter runs the loop itself;</li>
 *   <li>the sub-poller, woken by the {@link PollerMaster}: it looks, and while looks find
 *       readiness it yields after each, so the threads it unparked (onto its carrier's queue)
 *       run first; a look that finds none arms the master's one-shot watch of its loop's
 *       descriptor and parks;</li>
 *   <li>the master, on the sub-poller's behalf, when no carrier ran it for a quantum.</li>
 * </ul>
 * A thread that finds the look taken leaves its wait in the inbox, and every holder checks the
 * inbox again after letting go, so nothing offered is left behind.
 *
 * <pre>
 *   RUNNING --finds nothing, arms the master--&gt; PARKED --master sees the descriptor--&gt; WOKEN
 *   WOKEN --runs--&gt; RUNNING
 * </pre>
 */
final class SubPoller extends ThreadedLane {
    private static final System.Logger LOG = System.getLogger("dev.jzx");
    private static final VarHandle LOOK = Fields.handle(MethodHandles.lookup(), "look", int.class);
    private static final VarHandle STATE = Fields.handle(MethodHandles.lookup(), "state", int.class);
    private static final int RUNNING = 0;
    private static final int PARKED = 1;
    private static final int WOKEN = 2;

    final int index;
    private final PollerLoop work;
    private final LoopRuntime loop;
    private final PollerMaster master;
    /** Whether a waiter's look runs the loop to submit its arm. */
    private final boolean changesWaitForPoll;
    /** Whether a waiter's look left arms for the sub-poller's next run to submit; under the look. */
    private boolean unsubmitted;
    /** 1 while some thread holds the look. */
    @SuppressWarnings("unused") // through LOOK
    private volatile int look;
    @SuppressWarnings("unused") // through STATE
    private volatile int state = RUNNING;
    /** Looks the sub-poller began itself; the master compares it to see whether it ran. */
    private volatile long progress;
    private volatile boolean closing;

    SubPoller(int index, LoopRuntime loop, PollerMaster master, String name) {
        super(lane -> Thread.ofVirtual().name(name).unstarted(lane));
        this.index = index;
        this.work = new PollerLoop(loop);
        this.loop = loop;
        this.master = master;
        this.changesWaitForPoll = loop.changesWaitForPoll();
    }

    @Override
    public void arrive(PollerWait w) {
        if (work.offer(w) == PollerInbox.Push.CLOSED) {
            throw closed();
        }
        lookWhileOffered();
    }

    @Override
    public boolean withdraw(PollerWait w) {
        if (!w.withdraw()) {
            return false;
        }
        if (work.offerWithdrawal(w) != PollerInbox.Push.CLOSED) {
            lookWhileOffered();
        }
        return true;
    }

    /** Arms what was offered, unless another thread holds the look: that one takes it before it lets go. */
    private void lookWhileOffered() {
        while (work.hasInbox() && look(true) >= 0) {
            // offered while this thread armed: take it too
        }
    }

    /** {@return {@link #look(boolean)} for the sub-poller or the master: one that runs the loop} */
    private int look() {
        return look(false);
    }

    /**
     * One look: takes the inbox, then runs the loop without waiting. A waiting thread's look
     * runs it only for reports no descriptor signals (an always-ready file, a refusal core
     * keeps), or to submit its arms where changes wait for a poll and the sub-poller is parked:
     * otherwise the kernel applied the arms at once, or the sub-poller's next run submits them,
     * and the descriptor signals what comes of them.
     *
     * <p>A run may move the loop to a new descriptor (a larger ring, the old one closed): if
     * the sub-poller is parked on the old one, the master is pointed at the new one at once.
     *
     * @param waiter whether a waiting thread looks
     * @return the waits' fds reported ready, or -1 when another thread holds the look
     */
    private int look(boolean waiter) {
        if (!LOOK.compareAndSet(this, 0, 1)) {
            return -1;
        }
        try {
            work.takeInbox();
            if (waiter && !loop.hasSynthetic()) {
                if (!changesWaitForPoll) {
                    return 0;
                }
                if (state != PARKED) {
                    unsubmitted = true; // the sub-poller runs the loop again before it parks
                    return 0;
                }
            }
            unsubmitted = false;
            int found = work.loop.run(RunMode.NO_WAIT);
            if (state == PARKED) {
                master.follow(index, loop.descriptor());
            }
            return found;
        } finally {
            LOOK.setRelease(this, 0);
        }
    }

    @Override
    public void run() {
        try {
            while (!closing) {
                state = RUNNING;
                progress++;
                int found = look();
                if (found != 0 || !parkOnMaster()) {
                    Thread.yield(); // found some: the threads it woke run first; or another thread is looking
                    continue;
                }
                LockSupport.park(this);
                Thread.interrupted(); // not a request to stop (closing is): a set status would make park return at once
            }
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, thread.getName() + " failed; its waits fail with it", t);
        } finally {
            while (!LOOK.compareAndSet(this, 0, 1)) {
                Thread.yield(); // a waiter is arming: it is brief
            }
            work.shutDown(closed());
        }
    }

    /**
     * Arms the master's watch of the loop's descriptor, unless something was offered meanwhile
     * or a waiter left arms to submit.
     *
     * @return whether to park
     */
    private boolean parkOnMaster() {
        if (!LOOK.compareAndSet(this, 0, 1)) {
            return false;
        }
        try {
            if (work.hasInbox() || closing || unsubmitted) {
                return false;
            }
            state = PARKED;
            master.arm(index, loop.descriptor());
        } finally {
            LOOK.setRelease(this, 0);
        }
        return !work.hasInbox(); // offered while this held the look: take it before parking
    }

    /** The master saw the descriptor readable. @return whether this woke a parked sub-poller */
    boolean wake() {
        if (STATE.compareAndSet(this, PARKED, WOKEN)) {
            LockSupport.unpark(thread);
            return true;
        }
        return false;
    }

    boolean isParked() {
        return state == PARKED;
    }

    long progress() {
        return progress;
    }

    /**
     * The master's looks, for a sub-poller no carrier has run for a quantum: what they find ready
     * is unparked from the master's thread. A few at most; the next quantum brings more.
     */
    void lookOnBehalf() {
        for (int i = 0; i < 16; i++) {
            int found = look();
            if (found < 0 || (found == 0 && !work.hasInbox())) {
                return; // another thread is looking, or nothing is left
            }
        }
    }

    @Override
    public void requestClose() {
        closing = true;
        LockSupport.unpark(thread);
    }

    private IllegalStateException closed() {
        return new IllegalStateException("the poller is closed (" + thread.getName() + ")");
    }
}
