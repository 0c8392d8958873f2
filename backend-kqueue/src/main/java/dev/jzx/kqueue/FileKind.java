package dev.jzx.kqueue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a descriptor number names, from {@code stat} of {@code /dev/fd/N} (macOS's fdesc file
 * system, FreeBSD's fdescfs, Linux's {@code /proc/self/fd}), which describes the open file
 * itself. kqueue cannot say it: Netty drops the {@code EV_ERROR} a refused change produces, and
 * on a regular file the read filter means something else than poll(2) (see
 * {@link KqueueBackend}).
 */
enum FileKind {
    /** Nothing open under that number. */
    CLOSED,
    /** A regular file or a directory: poll(2) calls it always ready. */
    ALWAYS_READY,
    /** Anything else (pipe, socket, device, kqueue...): for kqueue's filters. */
    POLLABLE,
    /** {@code /dev/fd} could not tell. */
    UNKNOWN;

    private static final Path DEV_FD = Path.of("/dev/fd");

    /**
     * @param fd a descriptor number of this process
     * @return what it names now
     */
    static FileKind of(int fd) {
        try {
            BasicFileAttributes a = Files.readAttributes(DEV_FD.resolve(Integer.toString(fd)), BasicFileAttributes.class);
            return a.isRegularFile() || a.isDirectory() ? ALWAYS_READY : POLLABLE;
        } catch (NoSuchFileException e) {
            return CLOSED; // Linux, and fdesc on a number not open
        } catch (FileSystemException e) {
            // fdesc answers EBADF for a number not open; the JDK has no exception type for it.
            String reason = e.getReason();
            return reason != null && reason.contains("Bad file descriptor") ? CLOSED : UNKNOWN;
        } catch (IOException | SecurityException e) {
            return UNKNOWN;
        }
    }

    /**
     * Whether {@code /dev/fd} lists this process's descriptors (FreeBSD without fdescfs mounted
     * has only 0, 1 and 2 there, which would make every other fd look closed).
     *
     * @param openFd a descriptor known to be open and not a regular file
     */
    static boolean reflects(int openFd) {
        return of(openFd) == POLLABLE;
    }
}
