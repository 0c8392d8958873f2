package dev.jzx.testsuite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Sends a real signal to one thread of this JVM, so that the system call it is blocked in
 * fails with EINTR: a handler is installed for SIGWINCH (through {@code sun.misc.Signal}, in
 * {@code jdk.unsupported}), the thread's kernel id is found in {@code /proc/self/task} by its
 * native name (HotSpot names native threads after Java threads), and {@code kill(1)} with a
 * thread id prefers that thread for delivery.
 */
final class Signals {
    private static final AtomicInteger WINCH = new AtomicInteger();
    private static volatile boolean installed;

    private Signals() {
    }

    static boolean supported() {
        return Files.isDirectory(Path.of("/proc/self/task")) && (Files.isExecutable(Path.of("/bin/kill"))
                || Files.isExecutable(Path.of("/usr/bin/kill")));
    }

    /** @return how many SIGWINCH the JVM has seen since the handler was installed */
    @SuppressWarnings("removal")
    static synchronized AtomicInteger installWinchHandler() {
        if (!installed) {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), s -> {
                synchronized (WINCH) {
                    WINCH.incrementAndGet();
                    WINCH.notifyAll();
                }
            });
            installed = true;
        }
        return WINCH;
    }

    /**
     * Waits until the JVM has seen {@code count} SIGWINCH since the handler was installed.
     *
     * @return whether it has, within {@code patience}
     */
    static boolean awaitWinch(int count, java.time.Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (WINCH) {
            while (WINCH.get() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                WINCH.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** @return the kernel thread id of the live thread whose native name is {@code name} */
    static long nativeThreadId(String name) throws IOException {
        String comm = name.length() > 15 ? name.substring(0, 15) : name;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String n = Files.readString(t.resolve("comm"), StandardCharsets.UTF_8).trim();
                    if (n.equals(comm)) {
                        return Long.parseLong(t.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        }
        throw new IllegalStateException("no thread named " + comm + " in /proc/self/task");
    }

    static void kill(long tid, String signal) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Files.isExecutable(Path.of("/bin/kill")) ? "/bin/kill" : "/usr/bin/kill",
                "-" + signal, Long.toString(tid)).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("kill did not finish");
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // Close the pipes to the child now: left to the JDK, its reaper thread closes them some
        // time after waitFor returns, and a later test counting descriptors would see them vanish.
        p.getInputStream().close();
        p.getOutputStream().close();
        p.getErrorStream().close();
        if (p.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + tid + " failed: " + output);
        }
    }
}
