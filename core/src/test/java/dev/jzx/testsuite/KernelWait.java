package dev.jzx.testsuite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until a thread is blocked in a given system call, read from
 * {@code /proc/self/task/TID/syscall} (Linux): a backend test can then wake a wait that has
 * really begun, instead of sleeping and hoping it has. The thread is found by its native name
 * ({@link Signals#nativeThreadId}), so give it a unique one of at most 15 characters.
 */
public final class KernelWait {
    private KernelWait() {
    }

    /** {@code io_uring_enter}, the same number on every architecture. */
    public static final Set<Integer> IO_URING_ENTER = Set.of(426);
    /** {@code epoll_wait}, {@code epoll_pwait} and {@code epoll_pwait2} on this architecture. */
    public static final Set<Integer> EPOLL_WAIT = "aarch64".equals(System.getProperty("os.arch").toLowerCase(Locale.ROOT))
            ? Set.of(22, 441) : Set.of(232, 281, 441);

    /**
     * @param threadName the native name of the thread
     * @param syscalls   system call numbers that count as the wait
     * @param patience   how long to look
     * @return whether the thread was seen blocked in one of {@code syscalls}
     */
    public static boolean awaitBlocked(String threadName, Set<Integer> syscalls, Duration patience)
            throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        long tid = -1;
        while (System.nanoTime() < deadline) {
            try {
                if (tid < 0) {
                    tid = Signals.nativeThreadId(threadName);
                }
                String line = Files.readString(Path.of("/proc/self/task/" + tid + "/syscall"), StandardCharsets.US_ASCII);
                String first = line.trim().split(" ")[0];
                if (!first.equals("running") && syscalls.contains(Integer.parseInt(first))) {
                    return true;
                }
            } catch (IllegalStateException notYetStarted) {
                // the thread has not got its native name yet
            }
            LockSupport.parkNanos(200_000); // a state read from /proc: looked at again shortly
        }
        return false;
    }
}
