package dev.jzx.iouring;

import dev.jzx.internal.Libc;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The system calls of the FFM ring: {@code io_uring_setup}, {@code io_uring_enter},
 * {@code io_uring_register} (through {@code syscall(2)}: the C library has no wrappers), and
 * {@code mmap} / {@code munmap} of the ring's memory. Each returns the kernel's result, or
 * {@code -errno}.
 */
final class UringCalls {
    /** {@code __NR_io_uring_setup}, the same on every Linux architecture (the unified table). */
    private static final long NR_SETUP = 425;
    private static final long NR_ENTER = 426;
    private static final long NR_REGISTER = 427;

    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    private static final int MAP_SHARED = 0x01;
    private static final int MAP_POPULATE = 0x8000;

    private static final MethodHandle SETUP = Libc.syscall(false, ValueLayout.JAVA_INT, ValueLayout.ADDRESS);
    /** Submits without waiting: never blocks, linked critical. */
    private static final MethodHandle ENTER_NOW = Libc.syscall(true, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG);
    /** May wait for completions: linked normally, so a safepoint never waits for it. */
    private static final MethodHandle ENTER_WAIT = Libc.syscall(false, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG);
    private static final MethodHandle REGISTER = Libc.syscall(false, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
            ValueLayout.ADDRESS, ValueLayout.JAVA_INT);
    private static final MethodHandle MMAP = Libc.function("mmap", true, false, FunctionDescriptor.of(
            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
    private static final MethodHandle MUNMAP = Libc.function("munmap", false, false,
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));

    private UringCalls() {
    }

    /** {@return the ring's descriptor, or {@code -errno}; {@code params} is read and written} */
    static int setup(Libc.Errno errno, int entries, MemorySegment params) {
        try {
            long r = (long) SETUP.invokeExact(errno.state(), NR_SETUP, entries, params);
            return r >= 0 ? (int) r : -errno.value();
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * {@code io_uring_enter(fd, toSubmit, minComplete, flags, arg, argSize)}.
     *
     * @param mayWait whether the call may block (a wait for completions)
     * @return the number of entries submitted, or {@code -errno}
     */
    static int enter(Libc.Errno errno, boolean mayWait, int fd, int toSubmit, int minComplete, int flags,
            MemorySegment arg, long argSize) {
        try {
            long r = mayWait
                    ? (long) ENTER_WAIT.invokeExact(errno.state(), NR_ENTER, fd, toSubmit, minComplete, flags, arg, argSize)
                    : (long) ENTER_NOW.invokeExact(errno.state(), NR_ENTER, fd, toSubmit, minComplete, flags, arg, argSize);
            return r >= 0 ? (int) r : -errno.value();
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** {@return {@code io_uring_register}'s result, or {@code -errno}} */
    static int register(Libc.Errno errno, int fd, int opcode, MemorySegment arg, int count) {
        try {
            long r = (long) REGISTER.invokeExact(errno.state(), NR_REGISTER, fd, opcode, arg, count);
            return r >= 0 ? (int) r : -errno.value();
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * Maps {@code length} bytes of the ring at {@code offset}, populated.
     *
     * @return the mapping, or {@link MemorySegment#NULL} with the errno in {@code errno}
     */
    static MemorySegment map(Libc.Errno errno, int fd, long length, long offset) {
        return mmap(errno, MemorySegment.NULL, length, PROT_READ_WRITE, MAP_SHARED | MAP_POPULATE, fd, offset);
    }

    private static MemorySegment mmap(Libc.Errno errno, MemorySegment at, long length, int prot, int flags, int fd,
            long offset) {
        try {
            MemorySegment m = (MemorySegment) MMAP.invokeExact(errno.state(), at, length, prot, flags, fd, offset);
            return m.address() == -1L ? MemorySegment.NULL : m.reinterpret(length);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** Unmaps {@code mapping} (one or several adjacent mappings). */
    static void unmap(MemorySegment mapping) {
        try {
            int ignored = (int) MUNMAP.invokeExact(mapping, mapping.byteSize());
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
