package dev.jzx.iouring;

import dev.jzx.Io;
import dev.jzx.spi.Backend;
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
 * <p>Per-fd state is an array indexed by fd ({@link FdWatch}); completions reach their
 * {@code FdWatch} through its own Netty registration. Work per poll is proportional to the
 * arms queued and the completions reaped. See {@link FdWatch} for generations and the deferred
 * free, {@link Ring} for why any thread may drive the ring.
 */
final class IoUringBackend implements Backend {
    private static final System.Logger LOG = System.getLogger("dev.jzx");

    private final Ring ring;
    private final boolean updateInPlace;
    final OpCounts counts = new OpCounts();

    private FdWatch[] watches = new FdWatch[64];
    private FdWatch[] armQueue = new FdWatch[64];
    private int armQueueSize;
    /** The sink of the poll in progress; null outside {@link #poll}. */
    private ReadySink sink;
    private boolean closed;

    /**
     * @param sqEntries     submission queue entries
     * @param cqEntries     completion queue entries
     * @param updateInPlace whether to change interest with a poll update (the kernel supports it)
     */
    IoUringBackend(int sqEntries, int cqEntries, boolean updateInPlace) {
        this.ring = new Ring(sqEntries, cqEntries);
        this.updateInPlace = updateInPlace;
    }

    @Override
    public int register(int fd, int interest, int token) {
        ring.enter();
        try {
            checkOpen();
            slot(fd).watch(interest, token);
            return ARMED; // io_uring refuses asynchronously: a POLL_ADD completion with -EBADF
        } finally {
            ring.leave();
        }
    }

    @Override
    public int reregister(int fd, int interest, int token) {
        ring.enter();
        try {
            checkOpen();
            FdWatch w = fd < watches.length ? watches[fd] : null;
            if (w == null || !w.registered || w.token != token) {
                return REFUSED;
            }
            w.changeInterest(interest, updateInPlace);
            return ARMED;
        } finally {
            ring.leave();
        }
    }

    @Override
    public void deregister(int fd) {
        ring.enter();
        try {
            checkOpen();
            FdWatch w = fd < watches.length ? watches[fd] : null;
            if (w != null && w.registered) {
                w.unwatch();
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
            flushArmQueue();
            ring.run(timeoutNanos);
        } finally {
            sink = null;
            ring.leave();
        }
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
            ring.destroy(); // every FdWatch removes its poll (FdWatch.close), then the ring is freed
        } finally {
            ring.leave();
            Arrays.fill(watches, null);
            Arrays.fill(armQueue, null);
            armQueueSize = 0;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the io_uring backend is closed");
        }
    }

    private FdWatch slot(int fd) {
        if (fd >= watches.length) {
            watches = Arrays.copyOf(watches, Math.max(fd + 1, watches.length * 2));
        }
        FdWatch w = watches[fd];
        if (w == null) {
            w = new FdWatch(fd, this, ring::register);
            watches[fd] = w;
        }
        return w;
    }

    void queueArm(FdWatch w) {
        if (armQueueSize == armQueue.length) {
            armQueue = Arrays.copyOf(armQueue, armQueueSize * 2);
        }
        armQueue[armQueueSize++] = w;
    }

    private void flushArmQueue() {
        // Submitting only writes entries into the ring (Netty flushes them in the run that
        // follows, or at once when the queue is full): no completion is handled, so nothing
        // re-enters this queue while it is walked.
        FdWatch[] q = armQueue;
        int n = armQueueSize;
        for (int i = 0; i < n; i++) {
            FdWatch w = q[i];
            q[i] = null;
            w.armIfQueued();
        }
        armQueueSize = 0;
    }

    /** A completion of {@code w}'s current arming (from inside the ring's run). */
    void pollCompleted(FdWatch w, int res, boolean more) {
        if (res >= 0) {
            int readiness = PollMasks.readiness(res);
            if (readiness != 0) {
                report(w, readiness);
            }
            if ((readiness & DROPPED) == 0 && !more && w.registered) {
                w.requestArm();
            }
        } else if (res == -PollOps.ECANCELED) {
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
        if (s != null) { // null while the ring drains at close
            s.ready(w.fd, w.token, readiness);
        }
    }

    /** A POLL_REMOVE (cancel or update) completed; the target's own completion is counted apart. */
    void cancelCompleted(int res) {
        if (res == 0) {
            counts.cancelRemoved++;
        } else if (res == -PollOps.ENOENT) {
            counts.cancelNotFound++;
        } else if (res == -PollOps.EALREADY) {
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
        return fd < watches.length ? watches[fd] : null;
    }

    @Override
    public String toString() {
        return "IoUringBackend[" + counts + "]";
    }
}
