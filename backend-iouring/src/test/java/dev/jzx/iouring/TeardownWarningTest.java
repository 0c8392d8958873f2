package dev.jzx.iouring;

import static dev.jzx.Io.READ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.Loop;
import dev.jzx.RunMode;
import io.netty.channel.unix.FileDescriptor;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import dev.jzx.testsuite.NettyNatives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Closing a loop with many armed polls logs nothing at WARNING: the teardown's cancels used to
 * overflow the completion queue ("CompletionQueue overflow detected" from Netty).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@EnabledOnOs(value = OS.LINUX, disabledReason = "io_uring exists on Linux only")
class TeardownWarningTest {
    private static final int WANTED = 20_000;

    @Test
    void watchingThenClosingThousandsOfFdsLogsNoWarning() throws IOException {
        assertTrue(InternalLoggerFactory.getDefaultFactory() instanceof JdkLoggerFactory,
                "Netty must log through java.util.logging here for this test to see its warnings, logs through "
                        + InternalLoggerFactory.getDefaultFactory());
        // The soft descriptor limit here is 20,000 with the JVM's own already open: watch as many
        // of the wanted 20,000 as fit, leaving room for the ring and the JVM.
        int budget = Math.min(WANTED, (int) (descriptorLimit() - openDescriptors() - 200)) & ~1;
        assertTrue(budget * 2L > RingConfig.NETTY_CQ_ENTRIES, "only " + budget + " descriptors fit under the limit:"
                + " too few for two teardown completions each to exceed the " + RingConfig.NETTY_CQ_ENTRIES
                + "-entry completion queue, so this test could not fail");
        List<FileDescriptor> pipes = new ArrayList<>(budget);
        Capture capture = new Capture();
        Logger root = Logger.getLogger("");
        NettyNatives.load();
        try (Loop loop = Loop.open("io_uring")) {
            for (int i = 0; i < budget / 2; i++) {
                FileDescriptor[] p = FileDescriptor.pipe();
                pipes.add(p[0]);
                pipes.add(p[1]);
                loop.watch(p[0].intValue(), READ, (fd, r) -> true); // no data: stays armed
                loop.watch(p[1].intValue(), READ, (fd, r) -> true); // a write end never reads: stays armed
            }
            assertEquals(0, loop.run(RunMode.NO_WAIT), "idle pipes reported");
            root.addHandler(capture);
        } finally {
            root.removeHandler(capture);
            for (FileDescriptor fd : pipes) {
                fd.close();
            }
        }
        assertEquals(List.of(), capture.warnings, "closing a loop with " + budget + " armed fds logged warnings");
    }

    private static long descriptorLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                return Long.parseLong(line.substring("Max open files".length()).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no \"Max open files\" in /proc/self/limits");
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    /** Keeps every record at WARNING or above, from any logger (Netty's and dev.jzx's both end in JUL here). */
    private static final class Capture extends Handler {
        final List<String> warnings = new ArrayList<>();

        @Override
        public synchronized void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record.getLoggerName() + ": " + record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
