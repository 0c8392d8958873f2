package dev.jzx.iouring;

import dev.jzx.internal.Errnos;
import dev.jzx.spi.PollBits;
import dev.jzx.Io;
import dev.jzx.spi.Backend;
import dev.jzx.spi.FdTable;
import dev.jzx.spi.ReadyBatch;
import dev.jzx.spi.ReadySink;
import java.util.Arrays;

/**
 * Readiness through io_uring one-shot POLL_ADD entries, cancelled with POLL_REMOVE and changed in
 * place with POLL_REMOVE + {@code IORING_POLL_UPDATE_EVENTS} where the kernel has it.
 *
 * <p>Level-triggered like poll(2): a poll that completed is re-armed at the start of the next
 * {@link #poll}, if its fd is still registered, with the interest current then; every arm
 * queued since the last poll reaches the kernel in that poll's one {@code io_uring_enter}
 * (or earlier, in batches, when more are queued than the submission queue holds).
 *
 * <h2>Reporting what poll(2) reports, and the wait until writable</h2>
 * The kernel adds EPOLLRDHUP (with EPOLLERR, EPOLLHUP, EPOLLNVAL) to every io_uring poll
 * ({@code IO_POLL_UNMASK} in {@code io_uring/poll.c}); {@link PollBits#readiness(int, int)}
 * drops a POLLRDHUP the interest did not ask for, so HANGUP comes only with POLLHUP, or with
 * POLLRDHUP under READ interest, as poll(2) gives it. Dropping it is not enough: a socket whose
 * peer shut its writing side, watched for WRITE alone with a full send buffer, would complete
 * every one-shot re-arm at once with that RDHUP (a busy loop inside the backend). So a one-shot
 * completion that carries nothing poll(2) would report switches the fd to a <em>multishot</em>
 * poll ({@code IORING_POLL_ADD_MULTI}) with the same events. io_uring polls are edge-triggered
 * (EPOLLET) unless asked otherwise: at arm time the multishot posts one completion with the
 * mask current then (so writability that came meanwhile is not missed), and afterwards one only
 * when the socket's wait queue is woken with a matching event (write space, an error, the full
 * hang-up), not for the standing RDHUP; the loop stays blocked in {@code io_uring_enter}. When
 * a multishot completion carries a wanted bit it is reported, the multishot is cancelled with
 * POLL_REMOVE and the fd goes back to level-triggered one-shot re-arms; a multishot the kernel
 * ends (no {@code IORING_CQE_F_MORE}) is replaced by a one-shot. Considered and not taken: an
 * internal epoll descriptor polled through the ring (one more kernel object per loop and a
 * second registration path for every fd that ever half-closes, and epoll's own EPOLLRDHUP
 * rules to keep apart). {@link FdWatch} holds the per-fd states.
 *
 * <p>Per-fd state is an array indexed by fd ({@link FdWatch}); a completion names its fd and
 * generation, so it reaches its {@code FdWatch} by one array index. Work per poll is
 * proportional to the arms queued and the completions reaped. See {@link FdWatch} for
 * generations and the deferred free, {@link Ring} for the kernel adapter underneath.
 */
final class IoUringBackend implements Backend, RingCompletions {
    private static final System.Logger LOG = System.getLogger("dev.jzx");

    private final RingAdapter adapter;
    /** Volatile: {@link #wakeup()} reads it from any thread, and {@link #moveTo} replaces it. */
    volatile Ring ring;
    private RingConfig config;
    private final boolean updateInPlace;
    /** Requests of every fd whose last completion has not arrived: what may complete at once. */
    int requestsInFlight;
    final OpCounts counts = new OpCounts();

    private final FdTable<FdWatch> watches;
    private FdWatch[] armQueue = new FdWatch[64];
    private int armQueueSize;
    /** The sink of the poll in progress; null outside {@link #poll}. */
    private ReadySink sink;
    /** What {@link #sink} threw during the poll in progress: rethrown once every completion of that poll is in. */
    private Throwable sinkFailure;
    /** Readiness reaped while no poll was in progress (see {@link #deregister}), and refusals: the next poll's news. */
    private final ReadyBatch held = new ReadyBatch();
    private boolean closed;

    /**
     * Opens a ring of {@code config}'s sizes.
     *
     * @param adapter       a probed, available adapter: where rings come from
     * @param config        the ring's sizes, and how far it may grow
     * @param updateInPlace whether to change interest with a poll update (the kernel supports it)
     */
    IoUringBackend(RingAdapter adapter, RingConfig config, boolean updateInPlace) {
        this.adapter = adapter;
        this.config = config;
        this.ring = adapter.open(config.sqEntries, config.cqEntries);
        this.updateInPlace = updateInPlace;
        this.watches = new FdTable<>(fd -> new FdWatch(fd, this, ring));
    }

    @Override
    public int register(int fd, int interest, int token) {
        ring.enter();
        try {
            checkOpen();
            watches.slot(fd).watch(interest, token);
            return ARMED; // io_uring refuses asynchronously: a POLL_ADD completion with -EBADF
        } finally {
            ring.leave();
        }
    }

    @Override
    public void reregister(int fd, int interest, int token) {
        ring.enter();
        try {
            checkOpen();
            FdWatch w = watches.get(fd);
            if (w == null || !w.registered) {
                held.ready(fd, token, DROPPED | Io.ERROR);
                return;
            }
            w.changeInterest(interest, updateInPlace);
        } finally {
            ring.leave();
        }
    }

    @Override
    public void deregister(int fd) {
        ring.enter();
        try {
            checkOpen();
            FdWatch w = watches.get(fd);
            if (w != null && w.registered) {
                boolean armed = w.isArmed();
                w.unwatch();
                if (armed && sink == null) {
                    // The armed POLL_ADD holds a reference to the file: until the POLL_REMOVE
                    // reaches the kernel, a user's close() of the fd would not close the file
                    // (no FIN on a socket, no EPIPE for a pipe's writer). Submit it now, as
                    // EPOLL_CTL_DEL would be; what completes meanwhile waits for the next poll.
                    ring.run(0, this);
                }
            }
        } finally {
            ring.leave();
        }
    }

    @Override
    public void poll(long timeoutNanos, ReadySink readySink) {
        ring.enter();
        try {
            checkOpen();
            sink = readySink;
            if (held.hasNext()) {
                held.drainTo(readySink);
                timeoutNanos = 0; // what was held is this poll's news: look, do not wait
            }
            RingConfig larger = config.grownFor(requestsInFlight + armQueueSize);
            if (larger != null && moveTo(larger)) {
                // A wake-up sent meanwhile may have gone to the old ring's eventfd: look, do not wait.
                timeoutNanos = 0;
            }
            long addsBefore = counts.pollAdds;
            flushArmQueue();
            counts.largestArmBatch = Math.max(counts.largestArmBatch, counts.pollAdds - addsBefore);
            ring.run(timeoutNanos, this);
        } finally {
            sink = null;
            ring.leave();
        }
        Throwable failed = sinkFailure;
        if (failed != null) { // as epoll and kqueue do: out of poll once every completion is in, nothing lost meanwhile
            sinkFailure = null;
            if (failed instanceof Error) {
                throw (Error) failed;
            }
            throw (RuntimeException) failed;
        }
    }

    /** The ring's descriptor (FFM): readable while completions wait in its queue. */
    @Override
    public int descriptor() {
        return ring.descriptor();
    }

    @Override
    public void wakeup() {
        ring.wakeup();
    }

    @Override
    public void close() {
        ring.enter();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                cancelArmedInChunks();
            } finally {
                ring.close(); // also when a cancel failed: the kernel then cancels what is left
            }
        } finally {
            ring.leave();
            watches.clear();
            held.clear();
            Arrays.fill(armQueue, null);
            armQueueSize = 0;
        }
    }

    /**
     * Moves to a larger ring: more requests may complete at once than the completion queue
     * holds. What is in the old ring is abandoned with it (closing it makes the kernel cancel its
     * requests, and none of their completions can reach this backend), so every fd still wanted
     * is armed afresh in the new one, its level-triggered poll finding out where things stand.
     * Happens a few times in a loop's life at most (each ring is four times the last); walking
     * every fd then is fine. A ring the kernel refuses leaves this one in place, for good.
     *
     * @return whether the backend moved
     */
    private boolean moveTo(RingConfig larger) {
        Ring next;
        try {
            next = adapter.open(larger.sqEntries, larger.cqEntries);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "io_uring: staying on a ring of " + config
                    + ", a larger one was refused: " + e.getMessage());
            config = new RingConfig(config.sqEntries, config.cqEntries, config.cqEntries);
            return false;
        }
        Ring old = ring;
        old.leave();
        next.enter();
        ring = next;
        config = larger;
        requestsInFlight = 0;
        watches.forEach(w -> w.moveTo(next));
        counts.ringsGrown++;
        old.close();
        return true;
    }

    /** @return the sizes of the ring in use (tests) */
    RingConfig ringConfig() {
        return config;
    }

    /**
     * Cancels every armed poll before the ring is torn down, reaping between chunks, so that a
     * poll's reference to the user's file is dropped before {@code close} returns (a user's
     * {@code close} of a socket then really closes it), and the two completions of each cancel
     * never overflow the completion queue. A chunk of an eighth of the queue leaves room for
     * completions the kernel posts late (task work run on the next entry). Runs once, at close:
     * walking every fd is fine here.
     */
    private void cancelArmedInChunks() {
        int chunk = Math.max(1, config.cqEntries / 8);
        int cancelled = 0;
        int[] count = {0};
        watches.forEach(w -> {
            if (w.isArmed()) {
                w.unwatch();
                if (++count[0] % chunk == 0) {
                    ring.run(0, this);
                }
            }
        });
        cancelled = count[0];
        if (cancelled > 0) {
            ring.run(0, this);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the io_uring backend is closed");
        }
    }

    void queueArm(FdWatch w) {
        if (armQueueSize == armQueue.length) {
            armQueue = Arrays.copyOf(armQueue, armQueueSize * 2);
        }
        armQueue[armQueueSize++] = w;
    }

    private void flushArmQueue() {
        // Queuing only writes entries into the ring (a full submission queue is submitted, never
        // reaped): no completion is handled, so nothing re-enters this queue while it is walked.
        FdWatch[] q = armQueue;
        int n = armQueueSize;
        int i = 0;
        try {
            for (; i < n; i++) {
                FdWatch w = q[i];
                w.armIfQueued();
                q[i] = null;
            }
            armQueueSize = 0;
        } finally {
            if (i < n) { // q[i] threw: it and the rest stay queued, in order, for the next poll
                q[i].queued = true;
                System.arraycopy(q, i, q, 0, n - i);
                Arrays.fill(q, n - i, n, null);
                armQueueSize = n - i;
            }
        }
    }

    /**
     * A completion of {@code w}'s current arming (from inside the ring's run).
     *
     * @param multishot whether that arming is the multishot wait until writable
     * @param more      whether the kernel keeps that (multishot) poll armed
     */
    void pollCompleted(FdWatch w, int res, boolean multishot, boolean more) {
        if (res >= 0) {
            int readiness = PollBits.readiness(res, w.armedInterest());
            if (readiness != 0) {
                report(w, readiness);
            }
            if ((readiness & DROPPED) != 0 || !w.registered) {
                return;
            }
            if (multishot) {
                if (!more) {
                    w.requestArm(); // the kernel ended it: a one-shot finds out where things stand
                } else if (readiness != 0) {
                    w.leaveWaitUntilWritable();
                } // else: a wake-up with only the standing RDHUP; keep waiting
            } else if (readiness != 0) {
                w.requestArm();
            } else {
                w.requestWaitUntilWritable();
            }
        } else if (res == -Errnos.ECANCELED) {
            // Not a cancel of ours (that starts a new generation): the kernel ended the poll
            // (its waitqueue went away, or the submitting thread exited). Still wanted: re-arm.
            if (!more && w.registered) {
                w.requestArm();
            }
        } else {
            // -EBADF (closed), -EINVAL, ...: refused. core reports ERROR once and unwatches.
            report(w, DROPPED | Io.ERROR);
        }
    }

    private void report(FdWatch w, int readiness) {
        ReadySink s = sink;
        if (s != null) {
            try {
                s.ready(w.fd, w.token, readiness);
            } catch (RuntimeException | Error e) { // kept until every completion of this run is in
                if (sinkFailure == null) {
                    sinkFailure = e;
                } else if (sinkFailure != e) {
                    sinkFailure.addSuppressed(e);
                }
            }
        } else if (!closed) { // reaped outside a poll (see deregister): keep it for the next one
            held.ready(w.fd, w.token, readiness);
        }
    }

    @Override
    public void completed(int fd, boolean remove, int generation, int res, int flags) {
        FdWatch w = watches.get(fd);
        if (w == null) {
            return; // after close: the table is gone, and so is interest in what the kernel says
        }
        try {
            w.completed(remove, generation, res, flags);
        } catch (RuntimeException | Error t) {
            internalError(fd, t);
        }
    }

    /** A POLL_REMOVE (cancel or update) completed; the target's own completion is counted apart. */
    void cancelCompleted(int res) {
        if (res == 0) {
            counts.cancelRemoved++;
        } else if (res == -Errnos.ENOENT) {
            counts.cancelNotFound++;
        } else if (res == -Errnos.EALREADY) {
            counts.cancelAlready++;
        } else {
            counts.cancelOther++;
        }
    }

    void internalError(int fd, Throwable t) {
        LOG.log(System.Logger.Level.ERROR, "io_uring completion handling for fd " + fd + " failed", t);
    }

    /** @return the watch state of {@code fd}, or null; for tests */
    FdWatch watchOf(int fd) {
        return watches.get(fd);
    }

    @Override
    public String toString() {
        return "IoUringBackend[" + counts + "]";
    }
}
