package dev.jzx;

import dev.jzx.spi.ReadyBatch;
import java.util.Arrays;

/**
 * The watches whose file the kernel cannot poll (epoll refuses regular files with EPERM).
 * poll(2) calls such a file always ready, so every run reports each of them for its whole
 * interest. A compact array with O(1) add and remove keeps the per-run cost proportional to
 * these fds alone, not to every watched fd.
 */
final class AlwaysReadySet {
    private Watch[] members = new Watch[8];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    void add(Watch w) {
        if (w.alwaysReadyIndex >= 0) {
            return;
        }
        if (size == members.length) {
            members = Arrays.copyOf(members, size * 2);
        }
        w.alwaysReadyIndex = size;
        members[size++] = w;
    }

    void remove(Watch w) {
        int i = w.alwaysReadyIndex;
        if (i < 0) {
            return;
        }
        Watch last = members[--size];
        members[i] = last;
        last.alwaysReadyIndex = i;
        members[size] = null;
        w.alwaysReadyIndex = -1;
    }

    /** Forgets every member (the loop is closing). */
    void clear() {
        java.util.Arrays.fill(members, 0, size, null);
        size = 0;
    }

    /** Reports every member, ready for its whole interest. */
    void reportTo(ReadyBatch batch) {
        for (int i = 0; i < size; i++) {
            Watch w = members[i];
            batch.ready(w.fd, w.token, w.interest);
        }
    }
}
