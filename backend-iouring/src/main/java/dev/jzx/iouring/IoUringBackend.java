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

    final Ring ring;
    private final boolean updateInPlace;
    final OpCounts counts = new OpCounts();

    private FdWatch[] watches = new FdWatch[64];
    private FdWatch[] armQueue = new FdWatch[64];
    private int armQueueSize;
    /** The sink of the poll in progress; null outside {@link #poll}. */
    private ReadySink sink;
    private final HeldReports held = new HeldReports();
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
                boolean armed = w.state == FdWatch.ARMED;
                w.unwatch();
                if (armed && sink == null) {
                    // The armed POLL_ADD holds a reference to the file: until the POLL_REMOVE
                    // reaches the kernel, a user's close() of the fd would not close the file
                    // (no FIN on a socket, no EPIPE for a pipe's writer). Submit it now, as
                    // EPOLL_CTL_DEL would be; what completes meanwhile waits for the next poll.
                    ring.run(0);
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
            deliverHeld(readySink);
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
                java.util.Arrays.fill(q, n - i, n, null);
                armQueueSize = n - i;
            }
        }
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
        if (s != null) {
            s.ready(w.fd, w.token, readiness);
        } else if (!closed) { // reaped outside a poll (see deregister): keep it for the next one
            held.ready(w.fd, w.token, readiness);
        }
    }

    private void deliverHeld(ReadySink readySink) {
        for (int i = 0; i < held.size; i++) {
            readySink.ready(held.fds[i], held.tokens[i], held.readiness[i]);
        }
        held.size = 0;
    }

    /** Readiness reaped while no poll was in progress, in arrival order; grown once, then reused. */
    private static final class HeldReports implements ReadySink {
        int[] fds = new int[16];
        int[] tokens = new int[16];
        int[] readiness = new int[16];
        int size;

        @Override
        public void ready(int fd, int token, int ready) {
            if (size == fds.length) {
                fds = Arrays.copyOf(fds, size * 2);
                tokens = Arrays.copyOf(tokens, size * 2);
                readiness = Arrays.copyOf(readiness, size * 2);
            }
            fds[size] = fd;
            tokens[size] = token;
            readiness[size++] = ready;
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
