package dev.jzx.bench;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * {@link PipeIo} through {@code java.lang.foreign} (JDK 22+): {@code pipe2}, and {@code read} /
 * {@code write} of one byte linked critical (no thread-state transition: they never block on a
 * non-blocking pipe), as a C handler would make them.
 */
final class FfmPipeIo implements PipeIo {
    private static final int O_NONBLOCK_CLOEXEC = 0x800 | 0x80000;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle PIPE2 = handle("pipe2", false,
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle READ = handle("read", true,
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle WRITE = handle("write", true,
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle CLOSE = handle("close", false,
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    /** The byte every handler moves; its content does not matter, so threads may share it. */
    private static final MemorySegment ONE_BYTE = Arena.global().allocate(8);

    FfmPipeIo() {
    }

    private static MethodHandle handle(String name, boolean critical, FunctionDescriptor descriptor) {
        MemorySegment symbol = LINKER.defaultLookup().find(name).orElseThrow();
        return critical ? LINKER.downcallHandle(symbol, descriptor, Linker.Option.critical(false))
                : LINKER.downcallHandle(symbol, descriptor);
    }

    @Override
    public long pipe() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            if ((int) PIPE2.invokeExact(fds, O_NONBLOCK_CLOEXEC) != 0) {
                throw new UncheckedIOException(new IOException("pipe2 failed"));
            }
            return (long) fds.getAtIndex(ValueLayout.JAVA_INT, 0) << 32 | fds.getAtIndex(ValueLayout.JAVA_INT, 1);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public int readByte(int fd) {
        try {
            return (int) Math.max(0, (long) READ.invokeExact(fd, ONE_BYTE, 1L));
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public int writeByte(int fd) {
        try {
            return (int) Math.max(0, (long) WRITE.invokeExact(fd, ONE_BYTE, 1L));
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
