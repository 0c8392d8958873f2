package dev.jzx.iouring;

import dev.jzx.internal.Errnos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a refused {@code io_uring_setup} means and what to do about it, by errno: the cause the
 * provider reports (and {@code Loop.open()} falls back from, unless io_uring was forced).
 */
final class SetupFailure {
    private SetupFailure() {
    }

    /**
     * @param errno     what {@code io_uring_setup} failed with
     * @param sqEntries the submission queue asked for
     * @param cqEntries the completion queue asked for
     * @return the failure, saying what it means
     */
    static UncheckedIOException of(int errno, int sqEntries, int cqEntries) {
        String name = Errnos.name(errno);
        return new UncheckedIOException("io_uring_setup(" + sqEntries + " entries, completion queue " + cqEntries
                + ") failed with " + name + meaning(errno, sysctl()), new IOException(name));
    }

    /**
     * @param errno    the errno
     * @param disabled the value of {@code kernel.io_uring_disabled}
     * @return what the errno means for io_uring_setup, starting with ": ", or "" when nothing
     *         more can be said
     */
    static String meaning(int errno, String disabled) {
        switch (errno) {
            case Errnos.EPERM:
                return ": io_uring is refused to this process (kernel.io_uring_disabled=" + disabled
                        + (disabled.equals("0") ? ", so a seccomp filter or a security module refuses it)" : ")");
            case Errnos.ENOSYS:
                return ": this kernel has no io_uring, or a seccomp filter (a container's default profile) hides it";
            case Errnos.ENOMEM:
                return ": not enough memory for the ring (RLIMIT_MEMLOCK on kernels before 5.12, or the memory"
                        + " cgroup's limit)";
            case Errnos.EMFILE:
                return ": this process has no descriptor left (RLIMIT_NOFILE)";
            case Errnos.ENFILE:
                return ": the system has no file left (fs.file-max)";
            default:
                return "";
        }
    }

    private static String sysctl() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/io_uring_disabled")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
