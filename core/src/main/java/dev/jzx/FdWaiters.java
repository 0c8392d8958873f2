package dev.jzx;

/**
 * The waits listed on one fd of a poller thread, and the interest its loop watches the fd
 * with: the union of theirs. Counting the waits per direction keeps that union O(1) to
 * recompute however many threads wait on the fd. Poller thread only.
 */
final class FdWaiters {
    final int fd;
    /** The interest the loop watches the fd with now; 0: not watched; -1: a report spent the watch. */
    int watched;
    private PollerWait head;
    private int readers;
    private int writers;

    FdWaiters(int fd) {
        this.fd = fd;
    }

    PollerWait first() {
        return head;
    }

    void add(PollerWait w) {
        w.prev = null;
        w.next = head;
        if (head != null) {
            head.prev = w;
        }
        head = w;
        w.listed = true;
        count(w, 1);
    }

    void remove(PollerWait w) {
        if (w.prev != null) {
            w.prev.next = w.next;
        } else {
            head = w.next;
        }
        if (w.next != null) {
            w.next.prev = w.prev;
        }
        w.prev = null;
        w.next = null;
        w.listed = false;
        count(w, -1);
    }

    /** @return the union of the listed waits' interests */
    int wanted() {
        return (readers > 0 ? Io.READ : 0) | (writers > 0 ? Io.WRITE : 0);
    }

    private void count(PollerWait w, int delta) {
        if ((w.interest & Io.READ) != 0) {
            readers += delta;
        }
        if ((w.interest & Io.WRITE) != 0) {
            writers += delta;
        }
    }
}
