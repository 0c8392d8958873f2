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
 * Readable pipes polled level-triggered (report, re-arm, report, ...) allocate nothing per
 * event: the POLL_ADD entry is cached per (generation, events) and Netty's submit and
 * completion paths allocate nothing per event. Measured as the difference between polls that
 * report one fd and polls that report 64, so what is allocated once per poll (Netty's
 * {@code IoUringIoHandler.run} makes a 16-byte method reference, unless C2 scalar-replaces it)
 * cancels out, and the answer does not depend on which compiler ran the code.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "io_uring exists on Linux only")
class SteadyStateAllocationTest {
    private static final int POLLS = 20_000;
    private static final int MANY = 64;

    private static final class CountingSink implements ReadySink {
        long reports;

        @Override
        public void ready(int fd, int token, int readiness) {
            reports++;
        }
    }

    @Test
    void levelTriggeredRearmAllocatesNothingPerEvent() {
        double one = bytesPerPoll(1);
        double many = bytesPerPoll(MANY);
        double perEvent = (many - one) / (MANY - 1);
        System.out.printf("[io_uring] steady state: %.2f bytes/poll with 1 ready fd, %.2f with %d: %.3f bytes/event%n",
                one, many, MANY, perEvent);
        assertTrue(perEvent < 1.0, "allocates " + perEvent + " bytes per event (" + one + " bytes/poll with one ready fd, "
                + many + " with " + MANY + ")");
    }

    private static double bytesPerPoll(int readyFds) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (BackendHarness h = new BackendHarness()) {
            for (int i = 0; i < readyFds; i++) {
                FileDescriptor[] p = h.pipe();
                h.write(p[1], 1);
                h.backend.register(p[0].intValue(), READ, i + 1);
            }
            CountingSink sink = new CountingSink();
            for (int i = 0; i < POLLS; i++) { // every path taken (and compiled, if it will be) before measuring
                h.backend.poll(0, sink);
            }
            long reportsBefore = sink.reports;
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < POLLS; i++) {
                h.backend.poll(0, sink);
            }
            double bytes = (mx.getCurrentThreadAllocatedBytes() - before) / (double) POLLS;
            long reports = sink.reports - reportsBefore;
            assertTrue(reports > (long) POLLS * readyFds / 2, "ready fds must be reported on (nearly) every poll: "
                    + reports + " reports of " + readyFds + " fds in " + POLLS + " polls");
            return bytes;
        }
    }
}
