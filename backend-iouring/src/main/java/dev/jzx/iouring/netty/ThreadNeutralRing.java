package dev.jzx.iouring.netty;

import io.netty.channel.IoHandler;
import java.lang.reflect.Field;

/**
 * Makes a Netty ring enterable from any thread by having it enter through its real descriptor
 * instead of a registered ring index.
 *
 * <p>Why: when a ring is enabled Netty registers its descriptor with
 * {@code IORING_REGISTER_RING_FDS} and from then on calls {@code io_uring_enter} with
 * {@code IORING_ENTER_REGISTERED_RING} and the returned index. That index lives in the
 * enabling <em>thread's</em> table: from another thread it is invalid (EINVAL/EBADF) or, worse,
 * names another ring that thread registered; and Netty's teardown unregisters the index from
 * the table of whichever thread closes the ring. A jzx loop may be run by different threads
 * over its life, so this backend enables (and later destroys) every ring on one keeper thread
 * ({@link RingKeeper}), points the submission queue at the real descriptor in between, and
 * gives Netty back the index just before the keeper thread destroys the ring, so Netty's
 * teardown unregisters it from the right table. Netty offers no switch for this, hence
 * reflection on its package-private {@code SubmissionQueue} ({@link NettyCoupling} lists what is
 * relied on, and the availability probe checks it).
 */
final class ThreadNeutralRing {
    /** {@code IORING_ENTER_REGISTERED_RING}. */
    private static final int ENTER_REGISTERED_RING = 1 << 4;

    private ThreadNeutralRing() {
    }

    /**
     * @param handler an {@code IoUringIoHandler} whose ring has been enabled
     * @return the registered index the ring had been entering through (in the enabling thread's
     *         table), or -1 if registration had failed and Netty already used the descriptor
     * @throws ReflectiveOperationException if Netty's internals are not as expected
     */
    static int useRealDescriptor(IoHandler handler) throws ReflectiveOperationException {
        Object sq = submissionQueue(handler);
        Class<?> sqClass = sq.getClass();
        Field flagsField = field(sqClass, "enterFlags");
        int flags = flagsField.getInt(sq);
        if ((flags & ENTER_REGISTERED_RING) == 0) {
            return -1;
        }
        Field enterRingFd = field(sqClass, "enterRingFd");
        int index = enterRingFd.getInt(sq);
        enterRingFd.setInt(sq, field(sqClass, "ringFd").getInt(sq));
        flagsField.setInt(sq, flags & ~ENTER_REGISTERED_RING);
        return index;
    }

    /**
     * Before Netty destroys the ring on the thread that enabled it: puts the registered index
     * (and the flag to enter through it) back, so the teardown unregisters it from that
     * thread's table.
     *
     * @param index what {@link #useRealDescriptor} returned (nothing is done for -1)
     */
    static void restoreRegisteredIndex(IoHandler handler, int index) throws ReflectiveOperationException {
        if (index < 0) {
            return;
        }
        Object sq = submissionQueue(handler);
        field(sq.getClass(), "enterRingFd").setInt(sq, index);
        Field flagsField = field(sq.getClass(), "enterFlags");
        flagsField.setInt(sq, flagsField.getInt(sq) | ENTER_REGISTERED_RING);
    }

    private static Object submissionQueue(IoHandler handler) throws ReflectiveOperationException {
        Object ring = field(handler.getClass(), "ringBuffer").get(handler);
        return field(ring.getClass(), "ioUringSubmissionQueue").get(ring);
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        try {
            f.setAccessible(true);
        } catch (RuntimeException e) { // InaccessibleObjectException: on the module path, without the opens
            throw new IllegalStateException("on the module path the io_uring backend needs --add-opens "
                    + type.getModule().getName() + "/" + type.getPackageName() + "="
                    + ThreadNeutralRing.class.getModule().getName() + " (it reflects on Netty's ring: " + e.getMessage()
                    + ")", e);
        }
        return f;
    }
}
