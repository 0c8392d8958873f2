package dev.jzx;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A 4-ary min-heap of {@link TimerHandle}s ordered by deadline, then schedule order. Each
 * handle knows its index, so removing any one is O(log n) without a search. Four children per
 * node make the tree half as deep as a binary heap, and the deadlines are kept beside the
 * handles in an array of their own: sifting compares longs that sit together in memory instead
 * of visiting a handle per comparison (with a million timers pending those visits are cache
 * misses). Only the loop's owner of the moment touches it.
 */
final class TimerHeap {
    private static final int ARITY = 4;
    private TimerHandle[] heap = new TimerHandle[64];
    private long[] deadlines = new long[64];
    private int size;

    int size() {
        return size;
    }

    /** @return the earliest handle, or null when empty */
    TimerHandle peek() {
        return size == 0 ? null : heap[0];
    }

    void add(TimerHandle h) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
            deadlines = Arrays.copyOf(deadlines, size * 2);
        }
        siftUp(size++, h);
    }

    /** Removes and returns the earliest handle; the heap must not be empty. */
    TimerHandle poll() {
        TimerHandle top = heap[0];
        removeAt(0);
        return top;
    }

    /** Removes {@code h} if it is in this heap. */
    void remove(TimerHandle h) {
        int i = h.index;
        if (i >= 0 && i < size && heap[i] == h) {
            removeAt(i);
        }
    }

    /** Empties the heap, handing every handle to {@code each} first. */
    void clear(Consumer<TimerHandle> each) {
        for (int i = 0; i < size; i++) {
            TimerHandle h = heap[i];
            heap[i] = null;
            h.index = -1;
            each.accept(h);
        }
        size = 0;
    }

    private void removeAt(int i) {
        heap[i].index = -1;
        int last = --size;
        TimerHandle moved = heap[last];
        heap[last] = null;
        if (i == last) {
            return;
        }
        if (i > 0 && before(moved.deadline, moved, (i - 1) / ARITY)) {
            siftUp(i, moved);
        } else {
            siftDown(i, moved);
        }
    }

    /** @return whether a handle with {@code deadline} ({@code h}) is due before the one at {@code j} */
    private boolean before(long deadline, TimerHandle h, int j) {
        long d = deadline - deadlines[j];
        return d < 0 || (d == 0 && h.seq - heap[j].seq < 0);
    }

    /** @return whether the handle at {@code j} is due before {@code h} (whose deadline is {@code deadline}) */
    private boolean slotBefore(int j, long deadline, TimerHandle h) {
        long d = deadlines[j] - deadline;
        return d < 0 || (d == 0 && heap[j].seq - h.seq < 0);
    }

    private void siftUp(int i, TimerHandle h) {
        long key = h.deadline;
        while (i > 0) {
            int parent = (i - 1) / ARITY;
            if (!before(key, h, parent)) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        place(i, h, key);
    }

    private void siftDown(int i, TimerHandle h) {
        long key = h.deadline;
        while (true) {
            int first = i * ARITY + 1;
            if (first >= size) {
                break;
            }
            int end = Math.min(first + ARITY, size);
            int least = first;
            for (int c = first + 1; c < end; c++) {
                if (before(deadlines[c], heap[c], least)) {
                    least = c;
                }
            }
            if (!slotBefore(least, key, h)) {
                break;
            }
            move(least, i);
            i = least;
        }
        place(i, h, key);
    }

    /** Moves the handle in slot {@code from} to slot {@code to}. */
    private void move(int from, int to) {
        place(to, heap[from], deadlines[from]);
    }

    private void place(int i, TimerHandle h, long deadline) {
        heap[i] = h;
        deadlines[i] = deadline;
        h.index = i;
    }
}
