package dev.jzx.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The C library calls the FFM kernel adapters share (JDK 22+): handles made once per JVM, the
 * {@code errno} of a failed call, and the descriptor calls every adapter needs ({@code eventfd},
 * its read and write, {@code close}).
 *
 * <p>Calls that cannot block are linked {@linkplain Linker.Option#critical(boolean) critical}: no
 * thread-state transition, a few nanoseconds each. A call that may block ({@code epoll_wait},
 * a waiting {@code io_uring_enter}) is linked normally, so a safepoint never waits for it.
 *
 * <p>{@code errno} is captured into an {@link Errno} the caller owns: one per loop, used by the
 * one thread inside that loop, so reading it after a call needs no allocation and no lock.
 */
public final class Libc {
    /** {@code EFD_CLOEXEC}. */
    public static final int EFD_CLOEXEC = 0x80000;
    /** {@code EFD_NONBLOCK}. */
    public static final int EFD_NONBLOCK = 0x800;

    static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle EVENTFD = function("eventfd", true, false,
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle CLOSE = function("close", false, false,
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    /** {@code write(fd, &value, 8)} and {@code read}: the eventfd's 8-byte counter, from a native buffer. */
    private static final MethodHandle WRITE = function("write", false, true,
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle READ = function("read", false, true,
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    /** Not critical: either may wait for a lock of the C library's allocator. */
    private static final MethodHandle MALLOC = function("malloc", false, false,
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle FREE = function("free", false, false,
            FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));

    /** The size of a memory page, the granularity of {@code mmap}. */
    public static final long PAGE_SIZE;

    /** The 8 bytes every eventfd write adds: 1. Read-only by contract, shared by every thread. */
    private static final MemorySegment ONE;

    static {
        ONE = Arena.global().allocate(ValueLayout.JAVA_LONG);
        ONE.set(ValueLayout.JAVA_LONG, 0, 1L);
        try {
            PAGE_SIZE = (int) function("getpagesize", false, true, FunctionDescriptor.of(ValueLayout.JAVA_INT))
                    .invokeExact();
        } catch (Throwable t) {
            throw new ExceptionInInitializerError(t);
        }
    }

    private Libc() {
    }

    /**
     * Links a C library function.
     *
     * @param name       its symbol
     * @param errno      whether the handle captures {@code errno}: it then takes an
     *                   {@link Errno#state()} segment as its first argument
     * @param critical   whether it never blocks (linked without a thread-state transition)
     * @param descriptor its C signature
     * @return the downcall handle
     * @throws UnsatisfiedLinkError when the symbol is not in the C library
     */
    public static MethodHandle function(String name, boolean errno, boolean critical, FunctionDescriptor descriptor) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("no " + name + " in the C library"));
        Linker.Option[] options;
        if (errno && critical) {
            options = new Linker.Option[] {Linker.Option.captureCallState("errno"), Linker.Option.critical(false)};
        } else if (errno) {
            options = new Linker.Option[] {Linker.Option.captureCallState("errno")};
        } else if (critical) {
            options = new Linker.Option[] {Linker.Option.critical(false)};
        } else {
            options = new Linker.Option[0];
        }
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /**
     * Links the variadic {@code syscall(long number, ...)} with {@code fixed} further arguments,
     * capturing {@code errno}.
     *
     * @param critical whether the system calls made through it never block
     * @param args     the layouts of the arguments after the number
     * @return a handle {@code (MemorySegment errnoState, long number, args...) -> long}
     */
    public static MethodHandle syscall(boolean critical, MemoryLayout... args) {
        MemoryLayout[] all = new MemoryLayout[args.length + 1];
        all[0] = ValueLayout.JAVA_LONG;
        System.arraycopy(args, 0, all, 1, args.length);
        MemorySegment symbol = LINKER.defaultLookup().find("syscall")
                .orElseThrow(() -> new UnsatisfiedLinkError("no syscall in the C library"));
        Linker.Option variadic = Linker.Option.firstVariadicArg(1);
        Linker.Option capture = Linker.Option.captureCallState("errno");
        Linker.Option[] options = critical
                ? new Linker.Option[] {variadic, capture, Linker.Option.critical(false)}
                : new Linker.Option[] {variadic, capture};
        return LINKER.downcallHandle(symbol, FunctionDescriptor.of(ValueLayout.JAVA_LONG, all), options);
    }

    /**
     * Opens an eventfd with a count of 0.
     *
     * @param errno where the failure's errno goes
     * @param flags {@link #EFD_CLOEXEC}, {@link #EFD_NONBLOCK}
     * @return the descriptor, or {@code -errno}
     */
    public static int eventfd(Errno errno, int flags) {
        try {
            int fd = (int) EVENTFD.invokeExact(errno.state(), 0, flags);
            return fd >= 0 ? fd : -errno.value();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Adds 1 to an eventfd's counter. A full counter ({@code Errnos.EAGAIN}) already wakes its reader,
     * and a closed one has no reader left: neither is an error here.
     *
     * @param fd the eventfd
     */
    public static void signal(int fd) {
        try {
            long ignored = (long) WRITE.invokeExact(fd, ONE, 8L);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Empties an eventfd's counter (non-blocking: an empty one returns at once).
     *
     * @param fd     the eventfd
     * @param buffer 8 bytes of native memory the caller owns
     */
    public static void drain(int fd, MemorySegment buffer) {
        try {
            long ignored = (long) READ.invokeExact(fd, buffer, 8L);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Allocates native memory that lives until {@link #free}: a loop's buffers, which any thread
     * running the loop may use. An {@code Arena.ofShared()} would do, but closing one stops every
     * thread for a handshake (about 25 us on the project's machine, more than opening the kernel
     * object); {@code malloc} and {@code free} cost next to nothing, and the segment, of global
     * scope, needs no liveness check on access. The owner must not use it after freeing it.
     *
     * @param size bytes, at least 1; {@code malloc}'s alignment (16 on 64-bit Linux)
     * @return the memory, uninitialised
     * @throws OutOfMemoryError when {@code malloc} returns NULL
     */
    public static MemorySegment allocate(long size) {
        MemorySegment block;
        try {
            block = (MemorySegment) MALLOC.invokeExact(size);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (block.equals(MemorySegment.NULL)) {
            throw new OutOfMemoryError("malloc(" + size + ") returned NULL");
        }
        return block.reinterpret(size);
    }

    /**
     * Frees memory from {@link #allocate}.
     *
     * @param block what {@link #allocate} returned, not used after this
     */
    public static void free(MemorySegment block) {
        try {
            FREE.invokeExact(block);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Closes a descriptor this library opened.
     *
     * @param fd the descriptor
     */
    public static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Rethrows what a downcall's method handle threw, unchecked.
     *
     * @param t what a downcall threw (downcalls throw nothing checked in practice)
     * @return an unchecked exception to throw
     */
    public static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    /**
     * Where one thread's downcalls leave {@code errno}: owned by a loop and used by the one thread
     * inside it, so nothing is allocated per call.
     */
    public static final class Errno {
        private final MemorySegment state;

        /**
         * Allocates the capture state.
         *
         * @param allocator where the capture state lives (the owner's arena, or a slice of the
         *                  owner's memory)
         */
        public Errno(SegmentAllocator allocator) {
            state = allocator.allocate(CAPTURE);
        }

        /** {@return how many bytes, aligned how (at most 8), the capture state takes from its allocator} */
        public static long bytes() {
            return CAPTURE.byteSize();
        }

        /** {@return the segment to pass as a capturing handle's first argument} */
        public MemorySegment state() {
            return state;
        }

        /** {@return the errno the last capturing call left} */
        public int value() {
            return (int) ERRNO.get(state, 0L);
        }
    }
}
