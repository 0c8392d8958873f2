package dev.jzx.internal;

import dev.jzx.spi.ReadySink;
import java.util.Arrays;

/**
 * The readiness collected by one backend wait, waiting to be dispatched. Three parallel int
 * arrays, grown by doubling and then reused: recording an event allocates nothing.
 *
 * <p>Dispatch consumes it through a cursor, so when a handler throws, the events after it stay
 * here and the next run delivers them.
 */
final class ReadyBatch implements ReadySink {
    private int[] fds = new int[256];
    private int[] tokens = new int[256];
    private int[] readiness = new int[256];
    private int size;
    private int cursor;

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

    boolean hasNext() {
        return cursor < size;
    }

    /** Advances to the next event; read it with {@link #fd()}, {@link #token()}, {@link #readiness()}. */
    void next() {
        cursor++;
    }

    int fd() {
        return fds[cursor - 1];
    }

    int token() {
        return tokens[cursor - 1];
    }

    int readiness() {
        return readiness[cursor - 1];
    }

    /** Moves every undelivered event of {@code other} to the end of this batch. */
    void takeAll(ReadyBatch other) {
        while (other.hasNext()) {
            other.next();
            ready(other.fd(), other.token(), other.readiness());
        }
        other.clear();
    }

    void clear() {
        size = 0;
        cursor = 0;
    }
}
