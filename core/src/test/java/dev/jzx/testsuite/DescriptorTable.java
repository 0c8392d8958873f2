package dev.jzx.testsuite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The one leak oracle of the suite: a snapshot of the descriptor table, compared by identity
 * (number and what it names), so that a descriptor that a leak opened shows as itself, and one
 * the JVM opened and closed meanwhile does not move a count.
 */
public final class DescriptorTable {
    private DescriptorTable() {
    }

    /** @return this process's table from {@code /proc/self/fd} (or {@code /dev/fd}, numbers only) */
    static SortedMap<Integer, String> ofThisProcess() {
        SortedMap<Integer, String> m = new TreeMap<>();
        boolean proc = Files.isDirectory(Path.of("/proc/self/fd"));
        Path dir = proc ? Path.of("/proc/self/fd") : Path.of("/dev/fd");
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> {
                int fd = Integer.parseInt(p.getFileName().toString());
                try {
                    m.put(fd, proc ? Files.readSymbolicLink(p).toString() : "?");
                } catch (IOException gone) {
                    // closed meanwhile
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The directory listing's own descriptor, open only while it was read.
        m.values().removeIf(v -> v.startsWith("/proc/") && v.endsWith("/fd"));
        return m;
    }

    /**
     * @return the entries of {@code after} that {@code before} does not hold as they are: opened
     *         since, or reused for something else
     */
    public static SortedMap<Integer, String> added(SortedMap<Integer, String> before, SortedMap<Integer, String> after) {
        SortedMap<Integer, String> m = new TreeMap<>(after);
        m.entrySet().removeIf(e -> e.getValue().equals(before.get(e.getKey())));
        return m;
    }

    /** @return the entries of {@code before} that {@code after} no longer holds as they were */
    public static SortedMap<Integer, String> removed(SortedMap<Integer, String> before, SortedMap<Integer, String> after) {
        return added(after, before);
    }

    /** @return "nothing" or what was added and removed between two tables */
    public static String describeChange(SortedMap<Integer, String> before, SortedMap<Integer, String> after) {
        SortedMap<Integer, String> a = added(before, after);
        SortedMap<Integer, String> r = removed(before, after);
        return a.isEmpty() && r.isEmpty() ? "nothing" : "opened " + a + ", closed " + r;
    }
}
