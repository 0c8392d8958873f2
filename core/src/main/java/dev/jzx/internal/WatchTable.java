package dev.jzx.internal;

import java.util.Arrays;

/**
 * The fd registry: a table indexed by descriptor number (O(1) lookup, no hashing), grown by
 * doubling to cover the highest fd watched. Descriptor numbers are dense and small (POSIX
 * hands out the lowest free one), so a direct table is both the fastest and the smallest map.
 */
final class WatchTable {
    private Watch[] slots = new Watch[64];

    /** @return the slot of {@code fd}, or {@code null} if it was never watched */
    Watch get(int fd) {
        Watch[] s = slots;
        return fd < s.length ? s[fd] : null;
    }

    /** @return the slot of {@code fd}, created on first use */
    Watch slot(int fd) {
        if (fd >= slots.length) {
            int size = slots.length;
            while (size <= fd) {
                size = size << 1 > 0 ? size << 1 : Integer.MAX_VALUE - 8;
            }
            slots = Arrays.copyOf(slots, size);
        }
        Watch w = slots[fd];
        if (w == null) {
            w = new Watch(fd);
            slots[fd] = w;
        }
        return w;
    }

    /** Drops every slot (and so every handler reference). */
    void clear() {
        slots = new Watch[0];
    }
}
