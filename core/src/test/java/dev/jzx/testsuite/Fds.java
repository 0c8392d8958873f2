package dev.jzx.testsuite;

/**
 * Makes and drives the descriptors a conformance test watches: real ones for a real backend,
 * simulated ones for core's fake backend. Every descriptor made is closed by {@link #close()}
 * unless the test closed it. Failures throw {@link java.io.UncheckedIOException}.
 */
public interface Fds extends AutoCloseable {

    /** @return a new non-blocking pipe */
    Pipe pipe();

    /** @return a descriptor open on a regular file, readable and writable */
    int regularFile();

    /** @return bytes written (up to {@code bytes}); 0 if the write would block */
    int write(int fd, int bytes);

    /** @return bytes read (up to {@code max}); 0 if the read would block; -1 at end of file */
    int read(int fd, int max);

    /** Writes until the write would block. */
    default void fill(int fd) {
        while (write(fd, 65536) > 0) {
            // keep going
        }
    }

    /** Reads until the read would block or end of file. */
    default void drain(int fd) {
        while (read(fd, 65536) > 0) {
            // keep going
        }
    }

    /**
     * @return whether {@link #socketPair}, {@link #shutdownOutput} and {@link #poll} work here
     *         (real descriptors); a suite that needs them skips otherwise, saying why
     */
    default boolean hasSockets() {
        return false;
    }

    /** @return a connected pair of non-blocking stream sockets of that kind */
    default SocketPair socketPair(SocketKind kind) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " makes no sockets (" + kind + ")");
    }

    /** {@code shutdown(fd, SHUT_WR)}: the peer reads end-of-file, and sees POLLRDHUP. */
    default void shutdownOutput(int fd) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " makes no sockets (fd " + fd + ")");
    }

    /**
     * What poll(2) with this interest reports for {@code fd}, as {@link dev.jzx.Io} bits (see
     * {@link PollOracle#poll}); waits up to {@code timeoutMillis} for something to report.
     */
    default int poll(int fd, int interest, long timeoutMillis) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no poll(2) oracle (fd " + fd + ")");
    }

    /** Closes {@code fd} now. */
    void close(int fd);

    /**
     * The process's open descriptors, for finding leaks by identity ({@link DescriptorTable}).
     *
     * @return descriptor number to what it names (a path, {@code pipe:[inode]},
     *         {@code anon_inode:[eventpoll]}, ...; where the system cannot tell, only the number counts)
     */
    java.util.SortedMap<Integer, String> descriptorTable();

    /** Closes every descriptor made here and not yet closed. */
    @Override
    void close();
}
