package dev.jzx.iouring;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static dev.jzx.Io.READ;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.spi.ReadySink;
import io.netty.channel.unix.FileDescriptor;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * A readable pipe polled level-triggered (report, re-arm, report, ...) allocates next to nothing
 * per poll: the POLL_ADD entry is cached per (generation, events) and Netty's submit and
 * completion paths allocate nothing per event. The bound is loose because Netty's
 * {@code IoUringIoHandler.run} allocates a 16-byte method reference per run unless C2
 * scalar-replaces it.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "io_uring exists on Linux only")
class SteadyStateAllocationTest {
    private static final class CountingSink implements ReadySink {
        long reports;

        @Override
        public void ready(int fd, int token, int readiness) {
            reports++;
        }
    }

    @Test
    void levelTriggeredRearmAllocatesAtMostAFewBytesPerPoll() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (BackendHarness h = new BackendHarness()) {
            FileDescriptor[] p = h.pipe();
            h.write(p[1], 1);
            h.backend.register(p[0].intValue(), READ, 1);
            CountingSink sink = new CountingSink();
            for (int i = 0; i < 200_000; i++) { // warm up: let C2 compile the path
                h.backend.poll(0, sink);
            }
            long polls = 200_000;
            long reportsBefore = sink.reports;
            long before = mx.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            for (long i = 0; i < polls; i++) {
                h.backend.poll(0, sink);
            }
            long ns = System.nanoTime() - start;
            double bytesPerPoll = (mx.getCurrentThreadAllocatedBytes() - before) / (double) polls;
            long reports = sink.reports - reportsBefore;
            System.out.printf("[io_uring] steady state: %.2f bytes/poll, %d ns/poll, %d reports in %d polls%n",
                    bytesPerPoll, ns / polls, reports, polls);
            assertTrue(reports > polls / 2, "a readable pipe must be reported on (nearly) every poll: " + reports);
            assertTrue(bytesPerPoll <= 24, "allocates " + bytesPerPoll + " bytes per poll");
        }
    }
}
