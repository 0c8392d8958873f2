package dev.jzx.kqueue;

import dev.jzx.Io;
import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.kqueue.KQueueIoEvent;
import io.netty.channel.kqueue.KQueueIoHandle;
import io.netty.channel.kqueue.KQueueIoOps;

/**
 * One descriptor number's handle in Netty's {@code KQueueIoHandler}, and the filters it has
 * asked the kernel for.
 *
 * <p>kqueue names a knote by (ident, filter) within one kqueue, so {@link KqueueBackend} keeps
 * one of these per number, and one Netty registration for its whole life: a later watch of the
 * number, even of another file, reuses it. Netty's {@code cancel()} would not remove a filter
 * anyway (it only forgets the registration); filters leave the kernel through
 * {@code EV_DELETE}, or when the descriptor is closed.
 *
 * <p>Changes are queued in Netty's change list and reach the kernel with the next
 * {@code kevent}, the one that waits; they are applied in the order made, before any event is
 * collected.
 */
final class WatchedFd implements KQueueIoHandle {
    final int fd;
    private final ReadyRecorder recorder;
    /** Null until first armed. */
    IoRegistration registration;
    /** The token of the current watch, 0 when none. */
    int token;
    /** {@link Io#READ}/{@link Io#WRITE}: the filters added and not deleted since. */
    int filters;

    WatchedFd(int fd, ReadyRecorder recorder) {
        this.fd = fd;
        this.recorder = recorder;
    }

    @Override
    public int ident() {
        return fd;
    }

    /**
     * Adds the filters of {@code interest} and deletes the others this number had.
     *
     * @param readd whether to add a filter again that is believed present: the number may name
     *              another file now, whose knotes close(2) of the old one did not leave behind
     * @return the changes queued
     */
    int arm(int interest, boolean readd) {
        int changes = 0;
        changes += change(Io.READ, interest, readd, KqueueFilters.ADD_READ, KqueueFilters.DELETE_READ);
        changes += change(Io.WRITE, interest, readd, KqueueFilters.ADD_WRITE, KqueueFilters.DELETE_WRITE);
        filters = interest;
        return changes;
    }

    private int change(int direction, int interest, boolean readd, KQueueIoOps add, KQueueIoOps delete) {
        boolean wanted = (interest & direction) != 0;
        boolean present = (filters & direction) != 0;
        if (wanted && (readd || !present)) {
            registration.submit(add);
            return 1;
        }
        if (!wanted && present) {
            registration.submit(delete);
            return 1;
        }
        return 0;
    }

    /** @return the changes queued to delete every filter */
    int disarm() {
        int changes = arm(0, false);
        token = 0;
        return changes;
    }

    /** Forgets the filters without deleting them: the file they were on has been closed. */
    void forget() {
        filters = 0;
        token = 0;
    }

    @Override
    public void handle(IoRegistration from, IoEvent event) {
        KQueueIoEvent e = (KQueueIoEvent) event; // updated in place by Netty: read it now
        recorder.record(fd, token, KqueueFilters.readiness(e.filter(), e.flags(), e.fflags()));
    }

    /** Called by Netty when the handler is destroyed; the descriptor is the user's. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "WatchedFd[" + fd + ", filters " + Io.toString(filters) + ", token " + token + "]";
    }
}
