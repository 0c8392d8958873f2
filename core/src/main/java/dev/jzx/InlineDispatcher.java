package dev.jzx;

import dev.jzx.spi.ReadyBatch;
import dev.jzx.spi.ReadySink;
import java.util.function.BooleanSupplier;

/**
 * The sink of a backend whose poll is reentrant ({@link dev.jzx.spi.Backend#reentrantPoll()}):
 * each report goes to its handler as the backend hands it over ({@link Registry#deliver}), with
 * no copy in between. Loop thread only.
 *
 * <p>It keeps what a run promises when handlers run after the poll:
 * <ul>
 *   <li>what ends a wait (the wake-up state consumed, the JFR time blocked) happens before the
 *       first handler is called: {@link #beginWait()} arms {@code waitEnded}, and the backend's
 *       {@link #waitOver()} runs it (else the first report, or {@link #endWait()} if none comes).
 *       So a handler's {@code wakeup()} ends the next run, not the one in progress;</li>
 *   <li>a handler that throws ends the dispatch: the exception waits until the poll is over
 *       ({@link #finish} throws it) and the reports after it go to the loop's batch, for the next
 *       run, as {@link Registry#dispatch} leaves them;</li>
 *   <li>once the loop is closing, reports are dropped: a handler's {@code close()} stops the
 *       dispatch at once ({@link #stop()}); another thread's is seen when the wait ends.</li>
 * </ul>
 * For any other backend it sees no report, and only runs {@code waitEnded} at {@link #endWait()}.
 *
 * <p>Each report checks one field, {@link #state}; everything else happens on its changes. A
 * report that finds it other than {@link #DELIVERING} takes a slow path: where the backend calls
 * {@link #waitOver()}, none does unless a handler threw or closed the loop, so the compiled
 * loop over a poll's reports holds no call that is taken once per poll.
 */
final class InlineDispatcher implements ReadySink {
    /** Reports go to their handlers. */
    private static final int DELIVERING = 0;
    /** The poll in progress has not yet ended its wait: the next report runs {@code waitEnded}. */
    private static final int WAITING = 1;
    /** A handler threw: reports go to the loop's batch. */
    private static final int DIVERTING = 2;
    /** The loop is closing: reports are dropped. */
    private static final int DROPPING = 3;

    private final Registry registry;
    /** Where reports go once a handler has thrown: the loop's batch. */
    private final ReadyBatch rest;
    private final BooleanSupplier closing;
    private final Runnable waitEnded;
    private int state = DELIVERING;
    private int calls;
    private Throwable failure;

    /**
     * @param waitEnded what the loop does once the backend's wait is over, before any handler runs
     */
    InlineDispatcher(Registry registry, ReadyBatch rest, BooleanSupplier closing, Runnable waitEnded) {
        this.registry = registry;
        this.rest = rest;
        this.closing = closing;
        this.waitEnded = waitEnded;
    }

    @Override
    public void ready(int fd, int token, int readiness) {
        if (state != DELIVERING && !admit(fd, token, readiness)) {
            return;
        }
        try {
            calls += registry.deliver(fd, token, readiness);
        } catch (Throwable t) {
            failure = t;
            state = DIVERTING;
        }
    }

    /** {@return whether the report is to be delivered; if not, it is kept for the next run or dropped} */
    private boolean admit(int fd, int token, int readiness) {
        if (state == WAITING) {
            endWait();
        }
        if (state == DIVERTING) {
            rest.ready(fd, token, readiness);
        }
        return state == DELIVERING;
    }

    /** The backend's wait has returned: runs {@code waitEnded} before any report comes. */
    @Override
    public void waitOver() {
        endWait();
    }

    /** Before a poll: {@link #waitOver()}, its first report, or {@link #endWait()} runs {@code waitEnded}. */
    void beginWait() {
        state = WAITING;
    }

    /** After a poll: runs {@code waitEnded} unless a report already has. */
    void endWait() {
        if (state == WAITING) {
            state = closing.getAsBoolean() ? DROPPING : DELIVERING;
            waitEnded.run();
        }
    }

    /** The loop is closing: no report of the poll in progress is delivered from now on. */
    void stop() {
        state = DROPPING;
    }

    /**
     * Ends the poll's dispatch.
     *
     * @return the handler calls made since the last call
     * @throws RuntimeException or {@link Error}, or any exception a handler threw (the first, with
     *         no more handler called after it)
     */
    int finish() {
        int n = calls;
        calls = 0;
        state = DELIVERING;
        Throwable t = failure;
        if (t != null) {
            failure = null;
            throw InlineDispatcher.<RuntimeException>unchecked(t);
        }
        return n;
    }

    /** Rethrows {@code t} as it is, checked or not: a handler may throw a checked exception undeclared. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T unchecked(Throwable t) throws T {
        throw (T) t;
    }
}
