package dev.jzx.bench;

/** A non-blocking pipe as raw fds, made, read and written through {@link PipeIo}. */
final class NativePipe implements AutoCloseable {
    private static final PipeIo IO = PipeIo.INSTANCE;

    final int read;
    final int write;

    private NativePipe(long fds) {
        this.read = (int) (fds >>> 32);
        this.write = (int) fds;
    }

    static NativePipe open() {
        return new NativePipe(IO.pipe());
    }

    int readFd() {
        return read;
    }

    int writeFd() {
        return write;
    }

    /** @return 1 if a byte was read from {@code fd}, 0 if none was there */
    static int readByte(int fd) {
        return IO.readByte(fd);
    }

    /** @return 1 if a byte was written into {@code fd}, 0 if the pipe was full */
    static int writeByte(int fd) {
        return IO.writeByte(fd);
    }

    @Override
    public void close() {
        IO.close(read);
        IO.close(write);
    }
}
