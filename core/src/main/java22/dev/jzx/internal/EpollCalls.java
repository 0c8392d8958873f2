package dev.jzx.internal;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The three epoll system calls through {@code java.lang.foreign}, each returning the kernel's
 * answer as a number (no exception, no allocation). {@code epoll_ctl} never blocks and is linked
 * critical; {@code epoll_wait} blocks and is linked normally, so a safepoint never waits for it.
 */
public final class EpollCalls {
    /** {@code EPOLL_CLOEXEC} ({@code O_CLOEXEC}). */
    public static final int EPOLL_CLOEXEC = 0x80000;
    /** {@code EPOLL_CTL_ADD}. */
    public static final int CTL_ADD = 1;
    /** {@code EPOLL_CTL_DEL}. */
    public static final int CTL_DEL = 2;
    /** {@code EPOLL_CTL_MOD}. */
    public static final int CTL_MOD = 3;
    /** {@code EPOLLONESHOT}: reported once, then disarmed until the next {@link #CTL_MOD} ({@code EPOLLIN} is {@link dev.jzx.spi.PollBits#POLLIN}). */
    public static final int EPOLLONESHOT = 1 << 30;

    private static final MethodHandle CREATE1 = Libc.function("epoll_create1", true, false,
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle CTL = Libc.function("epoll_ctl", true, true,
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle WAIT = Libc.function("epoll_wait", true, false,
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                    ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private EpollCalls() {
    }

    /**
     * {@code epoll_create1(EPOLL_CLOEXEC)}.
     *
     * @param errno where the failure's errno goes
     * @return the new epoll fd, or {@code -errno}
     */
    public static int create(Libc.Errno errno) {
        try {
            int fd = (int) CREATE1.invokeExact(errno.state(), EPOLL_CLOEXEC);
            return fd >= 0 ? fd : -errno.value();
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * {@code epoll_ctl(epfd, op, fd, event)}.
     *
     * @param errno where the failure's errno goes
     * @param epfd  the epoll fd
     * @param op    {@link #CTL_ADD}, {@link #CTL_MOD} or {@link #CTL_DEL}
     * @param fd    the target
     * @param event one {@code epoll_event} in native memory ({@link MemorySegment#NULL} for DEL)
     * @return 0, or the errno
     */
    public static int ctl(Libc.Errno errno, int epfd, int op, int fd, MemorySegment event) {
        try {
            int r = (int) CTL.invokeExact(errno.state(), epfd, op, fd, event);
            return r == 0 ? 0 : errno.value();
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * {@code epoll_wait(epfd, events, maxEvents, timeoutMillis)}.
     *
     * @param errno         where the failure's errno goes
     * @param epfd          the epoll fd
     * @param events        room for {@code maxEvents} {@code epoll_event}s, in native memory
     * @param maxEvents     how many it holds
     * @param timeoutMillis 0: do not block; -1: no limit
     * @return how many events were filled in, or {@code -errno}
     */
    public static int wait(Libc.Errno errno, int epfd, MemorySegment events, int maxEvents, int timeoutMillis) {
        try {
            int n = (int) WAIT.invokeExact(errno.state(), epfd, events, maxEvents, timeoutMillis);
            return n >= 0 ? n : -errno.value();
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
