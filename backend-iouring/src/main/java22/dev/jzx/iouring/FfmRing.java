package dev.jzx.iouring;

import dev.jzx.internal.Errnos;
import dev.jzx.internal.EventFdWaker;
import dev.jzx.internal.Libc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * The {@link Ring} of the FFM adapter: an io_uring instance set up, mapped and driven by this
 * class through {@code java.lang.foreign} (JDK 22+), with no library in between.
 *
 * <h2>Memory</h2>
 * The queues are one mapping where the kernel offers {@code IORING_FEAT_SINGLE_MMAP}, the
 * submission entries another; closing unmaps them in one {@code munmap} where they are adjacent.
 * Entries are written and read in place: submissions are stored, and the queue's tail is
 * published with release ordering once, before the {@code io_uring_enter} that submits them (the
 * kernel reads it only there); the completion queue's tail is read with acquire ordering, the
 * entries read, and the head published with release.
 *
 * <h2>user_data</h2>
 * 64 bits name a request with no lookup: the generation in the high 32 bits, bit 31 set for a
 * POLL_REMOVE, the fd in the low 31 bits. {@link #WAKE} ({@code -1}, an fd no process can have)
 * is the ring's own eventfd read.
 *
 * <h2>Looking without a system call</h2>
 * {@link #run} first reaps what the completion queue already holds, from memory. It enters the
 * kernel only to submit what is queued, to wait, or when the kernel flags completions it could
 * not fit ({@code IORING_SQ_CQ_OVERFLOW}): those are flushed into the queue by an
 * {@code io_uring_enter} with {@code IORING_ENTER_GETEVENTS} and reaped, until none is left, so
 * nothing is dropped however many fds are ready at once (the kernel keeps the excess,
 * {@code IORING_FEAT_NODROP}).
 *
 * <h2>Waiting and waking</h2>
 * A wait is one {@code io_uring_enter} with {@code IORING_ENTER_EXT_ARG}: its time limit travels
 * in the call, so no timeout entry is queued or left behind. {@link #wakeup()} adds 1 to an
 * eventfd that an {@code IORING_OP_READ} in the ring waits on (queued before each wait, when the
 * last one has completed); the read consumes the count, so no system call of the loop's is spent
 * on it. {@link EventFdWaker} makes a write only when none is pending, and never once the eventfd
 * is closed (whoever leaves last closes it; nothing locks). The eventfd is blocking: io_uring then
 * waits for it internally rather than failing the
 * read with {@code EAGAIN}. Its 8 bytes land in one buffer shared by every ring, never freed, so
 * a read the kernel completes while its ring is torn down writes to live memory.
 */
final class FfmRing implements Ring {
    /** The user_data of the ring's own eventfd read. */
    static final long WAKE = -1L;

    private static final byte IORING_OP_READ = 22;
    private static final int IORING_ENTER_GETEVENTS = 1;
    private static final int IORING_ENTER_EXT_ARG = 1 << 3;
    private static final int IORING_SQ_CQ_OVERFLOW = 1 << 1;
    private static final long SQE_SIZE = 64;
    private static final long CQE_SIZE = 16;
    /** {@code struct io_uring_getevents_arg}: sigmask, sigmask_sz, min_wait_usec, ts. */
    private static final long GETEVENTS_ARG_SIZE = 24;

    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final MemorySegment WAKE_BUFFER = Arena.global().allocate(8, 8);

    private final int fd;
    private final int eventFd;
    private final MemorySegment rings;
    private final MemorySegment sqes;
    private final MemorySegment cqRing;
    private final Libc.Errno errno;
    /** {@code struct io_uring_getevents_arg} followed by its {@code __kernel_timespec}. */
    private final MemorySegment waitArg;
    private final long timespecAddress;

    private final int sqEntries;
    private final int sqMask;
    private final long sqHeadOffset;
    private final long sqTailOffset;
    private final long sqFlagsOffset;
    private final int cqMask;
    private final long cqHeadOffset;
    private final long cqTailOffset;
    private final long cqesOffset;
    private final boolean submitAll;

    /** Our copy of the submission queue's tail (we are its only writer). */
    private int sqTail;
    /** The kernel's head as last read: the queue is full only if it is full against this. */
    private int sqHeadSeen;
    /** Our copy of the completion queue's head (we are its only writer). */
    private int cqHead;
    private boolean wakeArmed;
    private long enters;

    /** Writes the eventfd from any thread, never once it is closed. */
    private final EventFdWaker waker;
    private boolean closed;

    private FfmRing(RingSetup setup, int eventFd, MemorySegment rings, MemorySegment cqRing, MemorySegment sqes,
            Libc.Errno errno, MemorySegment waitArg) {
        this.fd = setup.fd;
        this.eventFd = eventFd;
        this.waker = new EventFdWaker(eventFd);
        this.rings = rings;
        this.cqRing = cqRing;
        this.sqes = sqes;
        this.errno = errno;
        this.waitArg = waitArg;
        this.timespecAddress = waitArg.address() + GETEVENTS_ARG_SIZE;
        this.sqEntries = setup.sqEntries;
        this.sqMask = setup.sqMask;
        this.sqHeadOffset = setup.sqHead;
        this.sqTailOffset = setup.sqTail;
        this.sqFlagsOffset = setup.sqFlags;
        this.cqMask = setup.cqMask;
        this.cqHeadOffset = setup.cqHead;
        this.cqTailOffset = setup.cqTail;
        this.cqesOffset = setup.cqes;
        this.submitAll = setup.submitAll();
        this.sqTail = (int) INT.getAcquire(rings, sqTailOffset);
        this.sqHeadSeen = (int) INT.getAcquire(rings, sqHeadOffset);
        this.cqHead = (int) INT.getAcquire(cqRing, cqHeadOffset);
    }

    /**
     * Sets up, maps and prepares a ring.
     *
     * @throws UncheckedIOException naming the cause when the kernel refuses
     */
    static FfmRing open(int sqEntries, int cqEntries) {
        Arena arena = Arena.ofAuto();
        Libc.Errno errno = new Libc.Errno(arena);
        MemorySegment scratch = arena.allocate(GETEVENTS_ARG_SIZE + 16, 8);
        RingSetup setup;
        try (Arena params = Arena.ofConfined()) {
            setup = RingSetup.create(errno, params, sqEntries, cqEntries);
        }
        MemorySegment rings = MemorySegment.NULL;
        MemorySegment cqRing = MemorySegment.NULL;
        MemorySegment sqes = MemorySegment.NULL;
        int eventFd = -1;
        try {
            long sqSize = setup.sqRingSize();
            long cqSize = setup.cqRingSize();
            boolean single = setup.singleMmap();
            rings = mapped(errno, setup.fd, single ? Math.max(sqSize, cqSize) : sqSize, 0L, "queues");
            cqRing = single ? rings : mapped(errno, setup.fd, cqSize, 0x8000000L, "completion queue");
            sqes = mapped(errno, setup.fd, SQE_SIZE * setup.sqEntries, 0x10000000L, "submission entries");
            if (setup.hasSqArray()) {
                for (int i = 0; i < setup.sqEntries; i++) { // entry i always sits in slot i
                    rings.set(ValueLayout.JAVA_INT, setup.sqArray + 4L * i, i);
                }
            }
            eventFd = Libc.eventfd(errno, Libc.EFD_CLOEXEC);
            if (eventFd < 0) {
                throw new UncheckedIOException("eventfd for the io_uring wake-up failed with " + Errnos.name(-eventFd)
                        + (-eventFd == Errnos.EMFILE ? ": this process has no descriptor left (RLIMIT_NOFILE)" : ""),
                        new IOException(Errnos.name(-eventFd)));
            }
            return new FfmRing(setup, eventFd, rings, cqRing, sqes, errno, scratch);
        } catch (RuntimeException | Error e) {
            unmap(rings, cqRing, sqes);
            Libc.close(setup.fd);
            if (eventFd >= 0) {
                Libc.close(eventFd);
            }
            throw e;
        }
    }

    private static MemorySegment mapped(Libc.Errno errno, int fd, long size, long offset, String what) {
        MemorySegment m = UringCalls.map(errno, fd, size, offset);
        if (m.equals(MemorySegment.NULL)) {
            throw mapFailure(errno, what, size);
        }
        return m;
    }

    /**
     * Unmaps the ring's mappings, in one {@code munmap} where the kernel placed them next to each
     * other (as it does, top-down): in a process with many threads every unmapping costs a TLB
     * shootdown across the CPUs, more than setting up the ring itself.
     */
    private static void unmap(MemorySegment rings, MemorySegment cqRing, MemorySegment sqes) {
        if (cqRing == rings && !rings.equals(MemorySegment.NULL) && !sqes.equals(MemorySegment.NULL)) {
            MemorySegment low = sqes.address() < rings.address() ? sqes : rings;
            MemorySegment high = low == sqes ? rings : sqes;
            if (low.address() + pages(low.byteSize()) == high.address()) {
                UringCalls.unmap(MemorySegment.ofAddress(low.address()).reinterpret(high.address() - low.address()
                        + high.byteSize()));
                return;
            }
        }
        for (MemorySegment m : new MemorySegment[] {sqes, cqRing == rings ? MemorySegment.NULL : cqRing, rings}) {
            if (!m.equals(MemorySegment.NULL)) {
                UringCalls.unmap(m);
            }
        }
    }

    private static long pages(long bytes) {
        return (bytes + Libc.PAGE_SIZE - 1) & -Libc.PAGE_SIZE;
    }

    private static UncheckedIOException mapFailure(Libc.Errno errno, String what, long size) {
        int e = errno.value();
        return new UncheckedIOException("mmap of the io_uring " + what + " (" + size + " bytes) failed with "
                + Errnos.name(e), new IOException(Errnos.name(e)));
    }

    @Override
    public int generationMask() {
        return -1;
    }

    @Override
    public void enter() {
        // nothing to bind: any thread may drive this ring
    }

    @Override
    public void leave() {
    }

    @Override
    public long pollAdd(int fd, int events, boolean multishot, int generation) {
        long userData = userData(fd, false, generation);
        queue(Uring.IORING_OP_POLL_ADD, fd, 0L, multishot ? Uring.IORING_POLL_ADD_MULTI : 0, events, userData);
        return userData;
    }

    @Override
    public void pollRemove(int fd, long target, int generation) {
        queue(Uring.IORING_OP_POLL_REMOVE, -1, target, 0, 0, userData(fd, true, generation));
    }

    @Override
    public void pollUpdate(int fd, long target, int events, int generation) {
        queue(Uring.IORING_OP_POLL_REMOVE, -1, target, Uring.IORING_POLL_UPDATE_EVENTS, events,
                userData(fd, true, generation));
    }

    static long userData(int fd, boolean remove, int generation) {
        return (long) generation << 32 | (remove ? 0x8000_0000L : 0L) | fd;
    }

    /**
     * Writes one submission entry; a full queue is submitted first. Only the words this ring ever
     * sets are written (opcode and fd; addr; len and the op flags; user_data): the others (off,
     * buf_index, personality, file_index, addr3) are zero in every entry it makes, and the kernel
     * never writes the entries, so the zeros the mapping started with stay.
     */
    private void queue(byte opcode, int fd, long addr, int len, int opFlags, long userData) {
        int tail = sqTail;
        if (tail - sqHeadSeen >= sqEntries) { // full as last seen: look again, then make room
            sqHeadSeen = (int) INT.getAcquire(rings, sqHeadOffset);
            if (tail - sqHeadSeen >= sqEntries) {
                submit(0, 0);
                sqHeadSeen = (int) INT.getAcquire(rings, sqHeadOffset);
                if (tail - sqHeadSeen >= sqEntries) {
                    // The kernel took none (EAGAIN, or EBUSY with completions to flush first):
                    // writing on would overwrite entries it has not read. The caller keeps its
                    // request (an arm stays queued for the next poll).
                    throw new UncheckedIOException(new IOException("the io_uring submission queue is full and the"
                            + " kernel takes no entry now (" + this + ")"));
                }
            }
        }
        long at = (tail & sqMask) * SQE_SIZE;
        MemorySegment s = sqes;
        s.set(ValueLayout.JAVA_LONG, at, (opcode & 0xFFL) | (long) fd << 32); // flags, ioprio: 0
        s.set(ValueLayout.JAVA_LONG, at + 16, addr);
        s.set(ValueLayout.JAVA_LONG, at + 24, (len & 0xFFFF_FFFFL) | (long) opFlags << 32);
        s.set(ValueLayout.JAVA_LONG, at + 32, userData);
        sqTail = tail + 1; // published by the next enter
    }

    @Override
    public void run(long timeoutNanos, RingCompletions completions) {
        int reaped = reap(completions);
        if (timeoutNanos != 0 && reaped == 0) {
            if (!wakeArmed) {
                queue(IORING_OP_READ, eventFd, WAKE_BUFFER.address(), 8, 0, WAKE);
                wakeArmed = true;
            }
            waitForCompletion(timeoutNanos);
        } else if (queued() > 0) {
            submit(0, 0);
        } else if (!overflowed()) {
            return; // the look cost no system call
        }
        reap(completions);
        while (overflowed()) {
            submit(0, IORING_ENTER_GETEVENTS); // moves what the kernel kept into the queue
            if (reap(completions) == 0) {
                break;
            }
        }
    }

    private int queued() {
        return sqTail - (int) INT.getAcquire(rings, sqHeadOffset);
    }

    private boolean overflowed() {
        return ((int) INT.getAcquire(rings, sqFlagsOffset) & IORING_SQ_CQ_OVERFLOW) != 0;
    }

    /** Publishes the entries queued since the last enter: the kernel reads the tail when entered. */
    private void publishTail() {
        INT.setRelease(rings, sqTailOffset, sqTail);
    }

    /** Submits what is queued, without waiting; entries a kernel without SUBMIT_ALL left behind go again. */
    private void submit(int minComplete, int flags) {
        publishTail();
        while (true) {
            int n = queued();
            enters++;
            int r = UringCalls.enter(errno, false, fd, n, minComplete, flags, MemorySegment.NULL, 0L);
            if (r < 0) {
                if (-r == Errnos.EINTR) {
                    continue;
                }
                if (-r == Errnos.EAGAIN || -r == Errnos.EBUSY) {
                    return; // out of request memory, or completions to flush first: the next run goes on
                }
                throw enterFailure(-r);
            }
            if (submitAll || r == 0 || queued() == 0) {
                return;
            }
            flags = 0; // an entry failed at submission (its completion says why): the rest go now
        }
    }

    /** Submits what is queued and waits for one completion, a wake-up, a signal or the time limit. */
    private void waitForCompletion(long timeoutNanos) {
        MemorySegment arg = waitArg;
        if (timeoutNanos > 0) {
            arg.set(ValueLayout.JAVA_LONG, GETEVENTS_ARG_SIZE, timeoutNanos / 1_000_000_000L);
            arg.set(ValueLayout.JAVA_LONG, GETEVENTS_ARG_SIZE + 8, timeoutNanos % 1_000_000_000L);
            arg.set(ValueLayout.JAVA_LONG, 16, timespecAddress);
        } else {
            arg.set(ValueLayout.JAVA_LONG, 16, 0L); // no time limit
        }
        publishTail();
        enters++;
        int r = UringCalls.enter(errno, true, fd, queued(), 1, IORING_ENTER_GETEVENTS | IORING_ENTER_EXT_ARG, arg,
                GETEVENTS_ARG_SIZE);
        if (r < 0 && -r != Errnos.ETIME && -r != Errnos.EINTR && -r != Errnos.EAGAIN && -r != Errnos.EBUSY) {
            throw enterFailure(-r);
        }
        if (queued() > 0) { // without SUBMIT_ALL an entry refused at submission stops the batch
            submit(0, 0);
        }
    }

    private UncheckedIOException enterFailure(int e) {
        return new UncheckedIOException("io_uring_enter on ring fd " + fd + " failed with " + Errnos.name(e),
                new IOException(Errnos.name(e)));
    }

    /** Hands every completion the queue holds to {@code completions}; reads memory only. */
    private int reap(RingCompletions completions) {
        MemorySegment cq = cqRing;
        int head = cqHead;
        int tail = (int) INT.getAcquire(cq, cqTailOffset);
        if (head == tail) {
            return 0;
        }
        int n = tail - head;
        try {
            for (; head != tail; head++) {
                long at = cqesOffset + (head & cqMask) * CQE_SIZE;
                long userData = cq.get(ValueLayout.JAVA_LONG, at);
                int res = cq.get(ValueLayout.JAVA_INT, at + 8);
                int flags = cq.get(ValueLayout.JAVA_INT, at + 12);
                if (userData == WAKE) {
                    wakeArmed = false;
                    waker.consumed(); // the read took the count: the next wake-up writes again
                } else {
                    completions.completed((int) userData & 0x7FFF_FFFF, (userData & 0x8000_0000L) != 0,
                            (int) (userData >>> 32), res, flags);
                }
            }
        } finally {
            cqHead = head;
            INT.setRelease(cq, cqHeadOffset, head);
        }
        return n;
    }

    @Override
    public long enters() {
        return enters;
    }

    @Override
    public int descriptor() {
        return fd;
    }

    @Override
    public void wakeup() {
        waker.signal();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Unmapped and closed, the ring goes; the kernel cancels what is still in it (the
        // backend has cancelled every poll already), and the eventfd read with it.
        unmap(rings, cqRing, sqes);
        Libc.close(fd);
        waker.close(); // now, or by the last wake-up still writing it
    }

    @Override
    public String toString() {
        return "FfmRing[fd=" + fd + ", sq=" + sqEntries + ", cq=" + (cqMask + 1) + ", enters=" + enters + "]";
    }
}
