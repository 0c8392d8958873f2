package dev.jzx.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Locale;

/**
 * {@code struct epoll_event} as this architecture lays it out: {@code uint32_t events} then
 * {@code uint64_t data}, packed on x86_64 (12 bytes, {@code data} at offset 4: the kernel's
 * {@code EPOLL_PACKED}, kept for 32-bit compatibility) and naturally aligned elsewhere, e.g.
 * aarch64 (16 bytes, {@code data} at offset 8).
 */
public final class EpollEvent {
    /** Whether this is x86_64, the one architecture whose {@code epoll_event} is packed. */
    private static final boolean PACKED = isX86_64(System.getProperty("os.arch", ""));
    /** The size of one {@code epoll_event}: the stride of an array of them. */
    public static final long SIZE = PACKED ? 12 : 16;
    /** Where {@code data} is; on x86_64 not 8-byte aligned. */
    private static final long DATA = PACKED ? 4 : 8;
    private static final ValueLayout.OfLong DATA_LAYOUT = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt EVENTS_LAYOUT = ValueLayout.JAVA_INT;

    private EpollEvent() {
    }

    private static boolean isX86_64(String arch) {
        String a = arch.toLowerCase(Locale.ROOT);
        return a.equals("amd64") || a.equals("x86_64");
    }

    /**
     * Reads one event's mask.
     *
     * @param array {@code epoll_event}s, 8-byte aligned
     * @param index which one
     * @return its {@code events}
     */
    public static int events(MemorySegment array, int index) {
        return array.get(EVENTS_LAYOUT, index * SIZE);
    }

    /**
     * Reads one event's data.
     *
     * @param array {@code epoll_event}s, 8-byte aligned
     * @param index which one
     * @return its {@code data}
     */
    public static long data(MemorySegment array, int index) {
        return array.get(DATA_LAYOUT, index * SIZE + DATA);
    }

    /**
     * Fills one {@code epoll_event}.
     *
     * @param event  {@link #SIZE} bytes, 8-byte aligned
     * @param events its {@code events}
     * @param data   its {@code data}
     */
    public static void set(MemorySegment event, int events, long data) {
        event.set(EVENTS_LAYOUT, 0, events);
        event.set(DATA_LAYOUT, DATA, data);
    }
}
