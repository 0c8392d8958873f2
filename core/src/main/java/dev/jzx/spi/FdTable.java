package dev.jzx.spi;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Per-descriptor state indexed by fd number: O(1) lookup with no hashing, grown by doubling to
 * cover the highest fd used. Descriptor numbers are dense and small (POSIX hands out the lowest
 * free one), so a direct table is both the fastest and the smallest map. An entry, once made,
 * is kept and reused by every later use of its number, so steady-state use allocates nothing.
 *
 * @param <T> the per-fd state
 */
public final class FdTable<T> {
    private static final int INITIAL_SIZE = 64;

    private final IntFunction<T> create;
    private Object[] slots = new Object[INITIAL_SIZE];

    /**
     * An empty table.
     *
     * @param create makes the entry of an fd number on its first use
     */
    public FdTable(IntFunction<T> create) {
        this.create = create;
    }

    /**
     * Looks {@code fd} up without making its entry.
     *
     * @param fd a descriptor number, {@code >= 0}
     * @return the entry of {@code fd}, or {@code null} if the number was never used
     */
    @SuppressWarnings("unchecked")
    public T get(int fd) {
        Object[] s = slots;
        return fd < s.length ? (T) s[fd] : null;
    }

    /**
     * Looks {@code fd} up, making its entry (and growing the table) on first use.
     *
     * @param fd a descriptor number, {@code >= 0}
     * @return the entry of {@code fd}, made on first use
     */
    @SuppressWarnings("unchecked")
    public T slot(int fd) {
        if (fd >= slots.length) {
            int size = slots.length;
            while (size <= fd) {
                size = size << 1 > 0 ? size << 1 : Integer.MAX_VALUE - 8;
            }
            slots = Arrays.copyOf(slots, size);
        }
        Object t = slots[fd];
        if (t == null) {
            t = create.apply(fd);
            slots[fd] = t;
        }
        return (T) t;
    }

    /**
     * Calls {@code action} for every entry made so far, in fd order.
     *
     * @param action what to do with each
     */
    @SuppressWarnings("unchecked")
    public void forEach(java.util.function.Consumer<? super T> action) {
        for (Object t : slots) {
            if (t != null) {
                action.accept((T) t);
            }
        }
    }

    /** Drops every entry (and what it references); the table stays usable. */
    public void clear() {
        slots = new Object[INITIAL_SIZE];
    }
}
