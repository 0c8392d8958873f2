package dev.jzx;

import dev.jzx.spi.Backend;
import dev.jzx.spi.FdTable;
import dev.jzx.spi.ReadyBatch;
import java.util.function.BooleanSupplier;

/**
 * The single-threaded heart of a loop: which fd is watched with what interest and handler,
 * kept in step with the backend, and the dispatch of readiness to handlers. Only the thread
 * that owns the loop at the moment calls it ({@link LoopRuntime} sees to that).
 *
 * <p>Work is proportional to the changes made and the events delivered: there is no sweep over
 * all watches (the seed's {@code sweep} walked every watch on every run).
 */
final class Registry {
    /** In {@link #watch}'s interest: a one-shot watch. Outside {@code Io}'s bits. */
    static final int ONE_SHOT = 1 << 8;

    private final Backend backend;
    private final FdTable<Watch> table = new FdTable<>(Watch::new);
    private final AlwaysReadySet alwaysReady = new AlwaysReadySet();
    /** Refusals found while arming, reported by the next run. */
    private final ReadyBatch refusals = new ReadyBatch();
    private int lastToken;
    /** Watch changes applied so far (watch, effective unwatch, interest dropped by a handler); wraps. */
    int changes;

    Registry(Backend backend) {
        this.backend = backend;
    }

    /**
     * @param fd       the descriptor
     * @param interest its interest, plus {@link #ONE_SHOT} for a watch the caller replaces or
     *                 drops after each report ({@link Backend#registerOneShot})
     * @param handler  what is called with its readiness
     */
    void watch(int fd, int interest, ReadyHandler handler) {
        changes++;
        Watch w = table.slot(fd);
        int token = nextToken();
        boolean oneShot = (interest & ONE_SHOT) != 0;
        int ioInterest = interest & ~ONE_SHOT;
        int result = oneShot ? backend.registerOneShot(fd, ioInterest, token)
                : backend.register(fd, ioInterest, token); // throws before anything here changed
        if (w.mode == Watch.ALWAYS_READY) {
            alwaysReady.remove(w);
        }
        w.handler = handler;
        w.interest = ioInterest;
        w.token = token;
        w.oneShot = oneShot;
        settle(w, result);
    }

    /**
     * Watches {@code fd} as refused: the kernel could not arm it (the backend threw), so the handler
     * gets {@code ERROR} once on the next run and the fd is unwatched. For a watch queued by another
     * thread, whose caller can no longer be given the exception.
     */
    void watchRefused(int fd, int interest, ReadyHandler handler) {
        Watch w = table.slot(fd);
        if (w.isWatched()) {
            release(w);
        }
        w.handler = handler;
        w.interest = interest & ~ONE_SHOT;
        w.token = nextToken();
        w.mode = Watch.REFUSED;
        refusals.ready(w.fd, w.token, Io.ERROR | Backend.DROPPED);
    }

    void unwatch(int fd) {
        Watch w = table.get(fd);
        if (w != null && w.isWatched()) {
            changes++;
            release(w);
        }
    }

    /** {@return whether the next run has reports that no kernel readiness signals: refusals, always-ready files} */
    boolean hasSynthetic() {
        return refusals.hasNext() || !alwaysReady.isEmpty();
    }

    /** Moves what the next run must report without asking the kernel (refusals, always-ready files) into {@code batch}. */
    void stageSynthetic(ReadyBatch batch) {
        refusals.drainTo(batch);
        alwaysReady.reportTo(batch);
    }

    /**
     * Calls the handlers for the events of {@code batch} ({@link #deliver}). When a handler
     * throws, the events after it stay in the batch.
     *
     * @param closing checked before each event; dispatch ends once it is true (the loop was
     *                closed by a handler)
     * @return handler calls made
     */
    int dispatch(ReadyBatch batch, BooleanSupplier closing) {
        int calls = 0;
        while (batch.hasNext()) {
            if (closing.getAsBoolean()) {
                break;
            }
            batch.next();
            calls += deliver(batch.fd(), batch.token(), batch.readiness());
        }
        batch.clear();
        return calls;
    }

    /**
     * Calls {@code fd}'s handler with one report, unless its watch has gone or been replaced
     * since the kernel produced it (the unwatch guarantee, by token) or the report holds nothing
     * of the watch's interest; then applies what the handler returned.
     *
     * @param readiness as the backend reported it
     * @return 1 if the handler was called, else 0
     */
    int deliver(int fd, int token, int readiness) {
        Watch w = table.get(fd);
        if (w == null || w.token != token) { // an unwatched slot's token is 0, which no report carries
            return 0;
        }
        if ((readiness & Backend.DROPPED) != 0) {
            deliverDropped(w);
            return 1;
        }
        int report = readiness & (w.interest | Io.ERROR | Io.HANGUP);
        if (report == 0) {
            return 0;
        }
        // Still this token after the handler: it neither unwatched the fd nor watched it anew.
        if (!w.handler.onReady(fd, report) && w.token == token) {
            dropDirections(w, report);
        }
        return 1;
    }

    /** The kernel dropped the watch: its handler gets {@code ERROR} once, and the fd is unwatched. */
    private void deliverDropped(Watch w) {
        int token = w.token;
        try {
            w.handler.onReady(w.fd, Io.ERROR);
        } finally {
            if (w.token == token) {
                release(w);
            }
        }
    }

    /** Forgets every watch; the backend is being closed with them. */
    void clear() {
        table.clear();
        alwaysReady.clear();
        refusals.clear();
    }

    private void dropDirections(Watch w, int report) {
        changes++;
        int directions = report & Io.INTEREST_MASK;
        int remaining = w.interest & ~(directions == 0 ? w.interest : directions);
        if (remaining == 0) {
            release(w);
        } else {
            changeInterest(w, remaining);
        }
    }

    private void changeInterest(Watch w, int interest) {
        w.interest = interest;
        if (w.mode != Watch.ARMED) {
            return; // nothing in the kernel: an always-ready or refused watch just reports less
        }
        if (w.oneShot) {
            backend.reregisterOneShot(w.fd, interest, w.token);
        } else {
            backend.reregister(w.fd, interest, w.token);
        }
    }

    private void settle(Watch w, int result) {
        switch (result) {
            case Backend.ARMED:
                w.mode = Watch.ARMED;
                break;
            case Backend.ALWAYS_READY:
                w.mode = Watch.ALWAYS_READY;
                alwaysReady.add(w);
                break;
            default:
                throw new IllegalStateException("backend returned " + result + " for fd " + w.fd
                        + "; expected ARMED or ALWAYS_READY");
        }
    }

    private void release(Watch w) {
        if (w.mode == Watch.ARMED) {
            backend.deregister(w.fd);
        } else if (w.mode == Watch.ALWAYS_READY) {
            alwaysReady.remove(w);
        }
        w.mode = Watch.UNWATCHED;
        w.handler = null;
        w.interest = 0;
        w.token = 0;
    }

    private int nextToken() {
        int t = ++lastToken;
        if (t == 0) {
            t = ++lastToken;
        }
        return t;
    }
}
