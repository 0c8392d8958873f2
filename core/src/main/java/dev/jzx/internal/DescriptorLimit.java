package dev.jzx.internal;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The largest descriptor number this process could ever hold, so that a nonsense fd gets a
 * clear exception instead of growing the fd table to gigabytes. On Linux it comes from
 * {@code /proc/sys/fs/nr_open} (no process may raise its limit above it); elsewhere a
 * generous constant.
 */
public final class DescriptorLimit {
    private static final int FALLBACK = (1 << 24) - 1;
    /** The largest descriptor number possible in this process. */
    public static final int MAX_FD = read();
    /** Where {@link #MAX_FD} comes from, for messages: {@code /proc/sys/fs/nr_open} or the built-in limit. */
    public static final String SOURCE = MAX_FD == FALLBACK ? "the built-in limit" : "/proc/sys/fs/nr_open";

    private DescriptorLimit() {
    }

    private static int read() {
        // Read as a stream: some kernels report a size for /proc files that is not their length.
        try (InputStream in = new FileInputStream("/proc/sys/fs/nr_open")) {
            int nrOpen = Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim());
            return nrOpen >= 1024 ? nrOpen - 1 : FALLBACK;
        } catch (Exception e) {
            return FALLBACK;
        }
    }
}
