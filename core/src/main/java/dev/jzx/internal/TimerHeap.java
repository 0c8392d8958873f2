package dev.jzx.internal;

import java.util.Arrays;

/**
 * A 4-ary min-heap of {@link TimerHandle}s ordered by deadline, then schedule order. Each
 * handle knows its index, so removing any one is O(log n) without a search. Four children per
 * node make the tree half as deep as a binary heap and keep siblings on one cache line of
 * references. Only the loop's owner of the moment touches it.
 */
final class TimerHeap {
    private static final int ARITY = 4;
    private TimerHandle[] heap = new TimerHandle[64];
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
    void clear(java.util.function.Consumer<TimerHandle> each) {
        for (int i = 0; i < size; i++) {
            TimerHandle h = heap[i];
            heap[i] = null;
            h.index = -1;
            each.accept(h);
        }
        size = 0;
    }

    private void removeAt(int i) {
        TimerHandle removed = heap[i];
        removed.index = -1;
        int last = --size;
        TimerHandle moved = heap[last];
        heap[last] = null;
        if (i == last) {
            return;
        }
        if (i > 0 && moved.before(heap[(i - 1) / ARITY])) {
            siftUp(i, moved);
        } else {
            siftDown(i, moved);
        }
    }

    private void siftUp(int i, TimerHandle h) {
        while (i > 0) {
            int parent = (i - 1) / ARITY;
            TimerHandle p = heap[parent];
            if (!h.before(p)) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = h;
        h.index = i;
    }

    private void siftDown(int i, TimerHandle h) {
        while (true) {
            int first = i * ARITY + 1;
            if (first >= size) {
                break;
            }
            int end = Math.min(first + ARITY, size);
            int least = first;
            for (int c = first + 1; c < end; c++) {
                if (heap[c].before(heap[least])) {
                    least = c;
                }
            }
            TimerHandle child = heap[least];
            if (!child.before(h)) {
                break;
            }
            heap[i] = child;
            child.index = i;
            i = least;
        }
        heap[i] = h;
        h.index = i;
    }
}
