package dev.jzx.iouring;

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
 * over its life, so this backend enables the ring on a short-lived thread (whose exit releases
 * the registration, see {@link Ring}) and then points the submission queue back at the real
 * descriptor. Netty offers no switch for this, hence reflection on its package-private
 * {@code SubmissionQueue}; the availability probe runs it, so a Netty that changed these
 * internals makes the backend unavailable with the cause rather than unsafe.
 */
final class ThreadNeutralRing {
    /** {@code IORING_ENTER_REGISTERED_RING}. */
    private static final int ENTER_REGISTERED_RING = 1 << 4;

    private ThreadNeutralRing() {
    }

    /**
     * @param handler an {@code IoUringIoHandler} whose ring has been enabled
     * @return whether the ring had been entering through a registered index
     * @throws ReflectiveOperationException if Netty's internals are not as expected
     */
    static boolean useRealDescriptor(IoHandler handler) throws ReflectiveOperationException {
        Object ring = field(handler.getClass(), "ringBuffer").get(handler);
        Object sq = field(ring.getClass(), "ioUringSubmissionQueue").get(ring);
        Class<?> sqClass = sq.getClass();
        Field flagsField = field(sqClass, "enterFlags");
        int flags = flagsField.getInt(sq);
        if ((flags & ENTER_REGISTERED_RING) == 0) {
            return false; // registration failed, Netty already uses the descriptor
        }
        int ringFd = field(sqClass, "ringFd").getInt(sq);
        field(sqClass, "enterRingFd").setInt(sq, ringFd);
        flagsField.setInt(sq, flags & ~ENTER_REGISTERED_RING);
        return true;
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
