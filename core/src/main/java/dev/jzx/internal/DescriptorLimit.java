package dev.jzx.internal;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The largest descriptor number this process could ever hold, so that a nonsense fd gets a
 * clear exception instead of growing the fd table to gigabytes. On Linux it comes from
 * {@code /proc/sys/fs/nr_open} (no process may raise its limit above it); elsewhere a
 * generous constant.
 */
final class DescriptorLimit {
    static final int MAX_FD = read();
    static final String SOURCE = Files.isReadable(Path.of("/proc/sys/fs/nr_open"))
            ? "/proc/sys/fs/nr_open" : "the built-in limit";

    private DescriptorLimit() {
    }

    private static int read() {
        try {
            return Integer.parseInt(Files.readString(Path.of("/proc/sys/fs/nr_open")).trim()) - 1;
        } catch (Exception e) {
            return (1 << 24) - 1;
        }
    }
}
