package dev.jzx.kqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link FileKind} on whatever OS runs the build: {@code /dev/fd} exists on Linux and macOS.
 * Descriptor numbers are found by what appeared in {@code /dev/fd} while opening something
 * through the JDK, which hides them.
 */
class FileKindTest {

    private static Set<Integer> open() throws IOException {
        Set<Integer> fds = new TreeSet<>();
        try (Stream<Path> s = Files.list(Path.of("/dev/fd"))) {
            s.forEach(p -> fds.add(Integer.parseInt(p.getFileName().toString())));
        }
        fds.removeIf(fd -> !Files.exists(Path.of("/dev/fd/" + fd))); // the listing's own, closed by now
        return fds;
    }

    private interface Opener {
        AutoCloseable open() throws IOException;
    }

    /**
     * Opens something, asks FileKind about the one new descriptor, closes it, asks again. Another
     * thread of the test JVM may take the number between the close and the question; then the
     * number names another file, and the whole is tried again.
     */
    private static FileKind[] kindsOf(Opener opener) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Set<Integer> before = open();
            AutoCloseable c = opener.open();
            Set<Integer> created = open();
            created.removeAll(before);
            FileKind[] kinds = new FileKind[created.size() + 1];
            int i = 0;
            for (int fd : created) {
                kinds[i++] = FileKind.of(fd);
            }
            int first = created.iterator().next();
            Object file = fileKey(first);
            c.close();
            kinds[i] = FileKind.of(first);
            Object now = fileKey(first);
            if (kinds[i] == FileKind.CLOSED || now == null || now.equals(file) || attempt == 5) {
                return kinds;
            }
        }
    }

    /** {@return the identity of the file {@code fd} names, or null if it names none} */
    private static Object fileKey(int fd) {
        try {
            return Files.readAttributes(Path.of("/dev/fd/" + fd), BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    @Test
    void classifiesWhatTheNumberNames() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/dev/fd")), "needs /dev/fd");
        Path file = Files.createTempFile("jzx-kind", ".dat");
        try {
            FileKind[] regular = kindsOf(() -> new FileInputStream(file.toFile()));
            assertEquals(FileKind.ALWAYS_READY, regular[0], "a regular file");
            assertEquals(FileKind.CLOSED, regular[1], "once closed");
            FileKind[] directory = kindsOf(() -> FileChannel.open(file.getParent(), StandardOpenOption.READ));
            assertEquals(FileKind.ALWAYS_READY, directory[0], "a directory");
            FileKind[] pipe = kindsOf(() -> {
                Pipe p = Pipe.open();
                return () -> {
                    p.source().close();
                    p.sink().close();
                };
            });
            assertTrue(pipe.length >= 3, "a pipe is two descriptors (maybe more for the JDK's own use)");
            assertEquals(FileKind.POLLABLE, pipe[0], "a pipe end");
            assertEquals(FileKind.POLLABLE, pipe[1], "the other end");
            assertEquals(FileKind.CLOSED, pipe[pipe.length - 1], "once closed");
        } finally {
            Files.deleteIfExists(file);
        }
        assertEquals(FileKind.CLOSED, FileKind.of(1 << 24), "a number far above any open one");
    }
}
