package dev.jzx.iouring;

import dev.jzx.internal.Errnos;
import dev.jzx.internal.Libc;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@code io_uring_setup} of one ring and what the kernel answered ({@code struct io_uring_params}):
 * the queue sizes it granted, its features, and the offsets of the ring's fields in the mapped
 * memory.
 *
 * <h2>Optional setup flags</h2>
 * Asked for first, each dropped in turn, newest first, by a kernel that refuses it
 * ({@code EINVAL}); the flags a kernel took are remembered for every later ring of this JVM:
 * <ul>
 *   <li>{@code IORING_SETUP_NO_SQARRAY} (6.6): no index array between the queue and its entries;</li>
 *   <li>{@code IORING_SETUP_COOP_TASKRUN} (5.19): a poll's completion is task work of the thread
 *       that submitted it, and without this flag the kernel interrupts that thread (an IPI) if it
 *       is running, to post it at once. With it the thread posts it at its next entry into the
 *       kernel (a system call, or an interrupt such as the scheduler tick), and is still woken
 *       for it if it sleeps. A {@code Poller}'s waits are submitted from the carriers, where the
 *       interrupts cost more than the delay (measured: {@code docs/contract.md}, P7);</li>
 *   <li>{@code IORING_SETUP_SUBMIT_ALL} (5.18): one bad entry does not stop the rest of a batch.</li>
 * </ul>
 * Not asked for, on purpose: {@code SINGLE_ISSUER}, {@code DEFER_TASKRUN} and registered ring
 * descriptors (all tie a ring to one thread, and any thread may run a loop).
 */
final class RingSetup {
    static final int IORING_SETUP_CQSIZE = 1 << 3;
    static final int IORING_SETUP_SUBMIT_ALL = 1 << 7;
    static final int IORING_SETUP_COOP_TASKRUN = 1 << 8;
    static final int IORING_SETUP_NO_SQARRAY = 1 << 16;
    static final int IORING_FEAT_SINGLE_MMAP = 1;
    static final int IORING_FEAT_NODROP = 1 << 1;
    static final int IORING_FEAT_EXT_ARG = 1 << 8;

    private static final long PARAMS_SIZE = 120;
    private static final long SQ_OFF = 40;
    private static final long CQ_OFF = 80;

    /**
     * Loaded with this class: a setup that fails for want of descriptors (EMFILE) could not open
     * the class file to load it then.
     */
    private static final Class<?> FAILURE = SetupFailure.class;

    /** The optional flags the kernel of this JVM took; narrowed at each refusal. */
    private static volatile int optionalFlags = IORING_SETUP_NO_SQARRAY | IORING_SETUP_COOP_TASKRUN
            | IORING_SETUP_SUBMIT_ALL;

    final int fd;
    final int flags;
    final int features;
    final int sqEntries;
    final int cqEntries;
    /** Offsets in the queues' mapping of the fields named. */
    final int sqHead;
    final int sqTail;
    final int sqMask;
    final int sqFlags;
    final int sqArray;
    final int cqHead;
    final int cqTail;
    final int cqMask;
    final int cqes;

    private RingSetup(int fd, int flags, MemorySegment p) {
        this.fd = fd;
        this.flags = flags;
        this.sqEntries = p.get(ValueLayout.JAVA_INT, 0);
        this.cqEntries = p.get(ValueLayout.JAVA_INT, 4);
        this.features = p.get(ValueLayout.JAVA_INT, 20);
        this.sqHead = p.get(ValueLayout.JAVA_INT, SQ_OFF);
        this.sqTail = p.get(ValueLayout.JAVA_INT, SQ_OFF + 4);
        this.sqMask = sqEntries - 1; // both sizes are powers of two

        this.sqFlags = p.get(ValueLayout.JAVA_INT, SQ_OFF + 16);
        this.sqArray = p.get(ValueLayout.JAVA_INT, SQ_OFF + 24);
        this.cqHead = p.get(ValueLayout.JAVA_INT, CQ_OFF);
        this.cqTail = p.get(ValueLayout.JAVA_INT, CQ_OFF + 4);
        this.cqMask = cqEntries - 1;
        this.cqes = p.get(ValueLayout.JAVA_INT, CQ_OFF + 20);
    }

    /**
     * Sets up a ring.
     *
     * @param errno     where a failure's errno goes
     * @param scratch   an arena for the parameters (freed by the caller)
     * @param sqEntries submission queue entries
     * @param cqEntries completion queue entries
     * @return the ring's descriptor and layout
     * @throws UncheckedIOException naming the cause when the kernel refuses
     */
    static RingSetup create(Libc.Errno errno, Arena scratch, int sqEntries, int cqEntries) {
        MemorySegment p = scratch.allocate(PARAMS_SIZE, 8);
        while (true) {
            int flags = IORING_SETUP_CQSIZE | optionalFlags;
            p.fill((byte) 0);
            p.set(ValueLayout.JAVA_INT, 4, cqEntries);
            p.set(ValueLayout.JAVA_INT, 8, flags);
            int fd = UringCalls.setup(errno, sqEntries, p);
            if (fd >= 0) {
                return new RingSetup(fd, flags, p);
            }
            int optional = optionalFlags;
            if (-fd == Errnos.EINVAL && optional != 0) {
                // The kernel numbers its setup flags in the order it added them: the newest is
                // the highest bit, and a kernel that refuses it may still take the older ones.
                optionalFlags = optional & ~Integer.highestOneBit(optional);
                continue;
            }
            throw SetupFailure.of(-fd, sqEntries, cqEntries);
        }
    }

    /** {@return whether the ring's queues share one mapping} */
    boolean singleMmap() {
        return (features & IORING_FEAT_SINGLE_MMAP) != 0;
    }

    /** {@return whether the ring has the index array between the queue and its entries} */
    boolean hasSqArray() {
        return (flags & IORING_SETUP_NO_SQARRAY) == 0;
    }

    /** {@return whether one bad entry leaves the rest of a batch submitted} */
    boolean submitAll() {
        return (flags & IORING_SETUP_SUBMIT_ALL) != 0;
    }

    /** {@return the bytes of the submission ring mapping} */
    long sqRingSize() {
        return hasSqArray() ? sqArray + 4L * sqEntries : sqTail + 4L * sqEntries;
    }

    /** {@return the bytes of the completion ring mapping} */
    long cqRingSize() {
        return cqes + 16L * cqEntries;
    }
}
