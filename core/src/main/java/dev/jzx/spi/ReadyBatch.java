package dev.jzx.spi;

import java.util.Arrays;

/**
 * Readiness reports kept in arrival order: three parallel int arrays, grown by doubling and then
 * reused, so recording a report allocates nothing in steady state. {@code core} collects each
 * backend wait into one and dispatches from it through a cursor (when a handler throws, the
 * reports after it stay for the next run); a backend may keep reports it reaped outside a
 * {@link Backend#poll} in one and {@linkplain #drainTo hand them over} in the next.
 */
public final class ReadyBatch implements ReadySink {
    private int[] fds = new int[64];
    private int[] tokens = new int[64];
    private int[] readiness = new int[64];
    private int size;
    private int cursor;

    /** An empty batch. */
    public ReadyBatch() {
    }

    @Override
    public void ready(int fd, int token, int ready) {
        int n = size;
        if (n == fds.length) {
            grow();
        }
        fds[n] = fd;
        tokens[n] = token;
        readiness[n] = ready;
        size = n + 1;
    }

    private void grow() {
        int length = fds.length * 2;
        fds = Arrays.copyOf(fds, length);
        tokens = Arrays.copyOf(tokens, length);
        readiness = Arrays.copyOf(readiness, length);
    }

    /** {@return whether a report is left after the cursor} */
    public boolean hasNext() {
        return cursor < size;
    }

    /** Advances to the next report; read it with {@link #fd()}, {@link #token()}, {@link #readiness()}. */
    public void next() {
        cursor++;
    }

    /** {@return the current report's fd} */
    public int fd() {
        return fds[cursor - 1];
    }

    /** {@return the current report's token} */
    public int token() {
        return tokens[cursor - 1];
    }

    /** {@return the current report's readiness} */
    public int readiness() {
        return readiness[cursor - 1];
    }

    /**
     * Moves every report left after the cursor to {@code sink}, in order, and empties this batch.
     *
     * @param sink where the reports go
     */
    public void drainTo(ReadySink sink) {
        while (hasNext()) {
            next();
            sink.ready(fd(), token(), readiness());
        }
        clear();
    }

    /** Forgets every report. */
    public void clear() {
        size = 0;
        cursor = 0;
    }
}
