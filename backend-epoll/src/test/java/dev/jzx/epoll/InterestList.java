package dev.jzx.epoll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The kernel's own view of an epoll instance: the target fds listed in
 * {@code /proc/self/fdinfo/<epfd>} ({@code tfd:} lines), so a test can see what is really
 * registered rather than what the backend believes.
 */
final class InterestList {
    private final int epollFd;

    private InterestList(int epollFd) {
        this.epollFd = epollFd;
    }

    /**
     * Runs {@code open} and finds the epoll instance it created, as the one
     * {@code anon_inode:[eventpoll]} descriptor that was not there before. The tests of a class
     * run on one thread, so nothing else opens one meanwhile.
     */
    static <T> Opened<T> whileOpening(Supplier<T> open) {
        Set<Integer> before = descriptors("anon_inode:[eventpoll]");
        T opened = open.get();
        Set<Integer> created = descriptors("anon_inode:[eventpoll]");
        created.removeAll(before);
        if (created.size() != 1) {
            throw new AssertionError("expected one new epoll fd, found " + created);
        }
        return new Opened<>(opened, new InterestList(created.iterator().next()));
    }

    record Opened<T>(T value, InterestList interestList) {
    }

    /** @return every target fd registered, in the kernel's order (a number twice means two files) */
    List<Integer> targets() {
        List<Integer> fds = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + epollFd))) {
                if (line.startsWith("tfd:")) {
                    fds.add(Integer.parseInt(line.substring(4).trim().split("\\s+")[0]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fds;
    }

    boolean contains(int fd) {
        return targets().contains(fd);
    }

    int epollFd() {
        return epollFd;
    }

    /** @return the open descriptors whose {@code /proc/self/fd} link reads {@code target} */
    static Set<Integer> descriptors(String target) {
        Set<Integer> fds = new TreeSet<>();
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                try {
                    if (Files.readSymbolicLink(p).toString().equals(target)) {
                        fds.add(Integer.parseInt(p.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // closed while listing (the directory stream's own fd, typically)
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fds;
    }
}
