package dev.jzx.modulepath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.spi.KernelAdapter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refused {@code io_uring_setup} gets a clear cause and {@code Loop.open()} falls back to epoll;
 * forced, io_uring fails naming it. The refusal is real: a child JVM runs under a seccomp filter
 * that fails the system call, as a container's default profile does ({@code src/test/c}).
 *
 * <p>Runs in bench's {@code modulepath} failsafe leg, where every backend is on the class path.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "io_uring exists on Linux only")
class RefusedSetupLaunch {
    @TempDir
    Path dir;

    @Test
    void refusedBySeccompWithEpermItFallsBackToEpollAndForcedNamesTheCause() throws Exception {
        check("EPERM");
    }

    @Test
    void hiddenBySeccompWithEnosysItFallsBackToEpollAndForcedNamesTheCause() throws Exception {
        check("ENOSYS");
    }

    private void check(String errno) throws Exception {
        Path wrapper = compileWrapper();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(wrapper.toString(), errno, java, "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
        if (KernelAdapter.ffmSupported()) {
            cmd.add("--enable-native-access=ALL-UNNAMED");
        }
        if (System.getProperty(KernelAdapter.PROPERTY) != null) {
            cmd.add("-D" + KernelAdapter.PROPERTY + "=" + System.getProperty(KernelAdapter.PROPERTY));
        }
        cmd.add(RefusedSetupChild.class.getName());
        String output = run(cmd);
        String context = "\ncommand: " + String.join(" ", cmd) + "\noutput:\n" + output;
        assertTrue(output.contains("io_uring unavailable"), context);
        assertTrue(output.contains("default epoll"), "Loop.open() falls back to epoll" + context);
        assertTrue(output.contains("forced failed: backend 'io_uring': io_uring is unavailable"), context);
        if (KernelAdapter.chosen() == KernelAdapter.FFM) {
            assertTrue(output.contains("failed with " + errno + ": ") && output.contains("seccomp"),
                    "the FFM adapter names the errno and what it means" + context);
        }
        assertFalse(output.contains("\tat "), "no stack trace" + context);
    }

    private Path compileWrapper() throws IOException, InterruptedException {
        Path source = Path.of(System.getProperty("jzx.test.c", "src/test/c"), "refuse_io_uring.c");
        Path binary = dir.resolve("refuse_io_uring");
        run(List.of("gcc", "-O2", "-o", binary.toString(), source.toString()));
        return binary;
    }

    private String run(List<String> cmd) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "hung: " + cmd);
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "failed: " + String.join(" ", cmd) + "\n" + output);
        return output;
    }
}
