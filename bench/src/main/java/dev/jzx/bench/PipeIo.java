package dev.jzx.bench;

import dev.jzx.spi.KernelAdapter;

/**
 * How the benchmarks' handlers make, read and write raw non-blocking pipes: one system call per
 * byte, no allocation. On JDK 22+ through {@code java.lang.foreign} ({@code FfmPipeIo}, no Netty,
 * as the backends there), before through Netty's unix {@code FileDescriptor} ({@link NettyPipeIo}).
 * One implementation is loaded per JVM, so the calls stay monomorphic.
 */
interface PipeIo {
    /** The implementation of this JVM. */
    PipeIo INSTANCE = KernelAdapter.ffmSupported()
            ? KernelAdapter.loadFfm(PipeIo.class, "dev.jzx.bench.FfmPipeIo") : new NettyPipeIo();

    /** @return a new non-blocking pipe: its read fd in the high 32 bits, its write fd in the low */
    long pipe();

    /** @return 1 if a byte was read, 0 if none was there (EAGAIN) */
    int readByte(int fd);

    /** @return 1 if a byte was written, 0 if the pipe was full */
    int writeByte(int fd);

    /** Closes a descriptor {@link #pipe()} made. */
    void close(int fd);
}
