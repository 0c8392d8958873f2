package dev.jzx.kqueue;

import dev.jzx.spi.ReadySink;

/**
 * Where Netty's callbacks put readiness during one poll: the poll's {@link ReadySink}, and
 * whatever that sink threw, kept to be rethrown once Netty's {@code run} is over (a throwing
 * handle makes Netty log and sleep for a second, dropping the rest of the batch).
 */
final class ReadyRecorder {
    private ReadySink sink;
    private Throwable failure;

    /** @param sink the poll's sink, or null between polls (readiness is then dropped) */
    void use(ReadySink sink) {
        this.sink = sink;
    }

    /** Never throws. */
    void record(int fd, int token, int readiness) {
        ReadySink s = sink;
        if (s == null || readiness == 0) {
            return;
        }
        try {
            s.ready(fd, token, readiness);
        } catch (RuntimeException | Error e) {
            if (failure == null) {
                failure = e;
            } else if (failure != e) {
                failure.addSuppressed(e);
            }
        }
    }

    /** Throws, once, what the sink threw since the last call. */
    void rethrow() {
        Throwable t = failure;
        if (t == null) {
            return;
        }
        failure = null;
        if (t instanceof Error) {
            throw (Error) t;
        }
        throw (RuntimeException) t;
    }
}
