package dev.jzx.iouring;

import dev.jzx.testsuite.KernelWait;
import dev.jzx.testsuite.RecordingSink;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static dev.jzx.Io.ERROR;
import static dev.jzx.Io.READ;
import static dev.jzx.Io.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jzx.spi.Backend;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the ring really does for each SPI call, seen through the backend's op counters. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@EnabledOnOs(value = OS.LINUX, disabledReason = "io_uring exists on Linux only")
class IoUringBackendTest {

    @Test
    void armingSubmitsPollAddAndUnwatchSubmitsPollRemove() {
        try (BackendHarness h = new BackendHarness()) {
            FileDescriptor[] p = h.pipe();
            int fd = p[0].intValue();
            assertEquals(Backend.ARMED, h.backend.register(fd, READ, 7));
            assertEquals(0, h.counts().pollAdds, "arms are batched into the next poll");
            h.pollNoWait();
            assertEquals(1, h.counts().pollAdds);
            h.backend.deregister(fd);
            assertEquals(1, h.counts().pollRemoves);
            h.pollUntil(() -> h.backend.watchOf(fd).isQuiescent(), "the poll and its cancel both completed");
            assertEquals(1, h.counts().cancelRemoved, h.backend.toString());
            assertEquals(1, h.counts().staleCompletions, "the cancelled poll's -ECANCELED");
            assertEquals(0, h.sink.count());
        }
    }

    @Test
    void aThrowingSinkComesOutOfPollOnceAndLosesNothing() {
        try (BackendHarness h = new BackendHarness()) {
            FileDescriptor[] a = h.pipe();
            FileDescriptor[] b = h.pipe();
            h.write(a[1], 1);
            h.write(b[1], 1);
            h.backend.register(a[0].intValue(), READ, 1);
            h.backend.register(b[0].intValue(), READ, 2);
            IllegalStateException boom = new IllegalStateException("boom");
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> h.backend.poll(0, (fd, token, r) -> {
                        seen.add(fd);
                        throw boom;
                    }));
            assertSame(boom, thrown);
            assertEquals(java.util.Set.of(a[0].intValue(), b[0].intValue()), seen, "the rest of the batch reached the sink");
            h.pollUntil(() -> h.sink.count() >= 2, "both fds reported again (re-armed after the throw)");
        }
    }

    @Test
    void watchAndUnwatchBeforeAPollCostNothingInTheKernel() {
        try (BackendHarness h = new BackendHarness()) {
            FileDescriptor[] p = h.pipe();
            for (int i = 1; i <= 100; i++) {
                h.backend.register(p[0].intValue(), READ, i);
                h.backend.deregister(p[0].intValue());
            }
            h.pollNoWait();
            assertEquals(0, h.counts().pollAdds);
            assertEquals(0, h.counts().pollRemoves);
        }
    }

    @Test
    void levelTriggeredRearmReportsUnreadDataOnEveryPollAndStopsOnceRead() {
        try (BackendHarness h = new BackendHarness()) {
            FileDescriptor[] p = h.pipe();
            h.write(p[1], 1);
            h.backend.register(p[0].intValue(), READ, 1);
            for (int i = 1; i <= 5; i++) {
                int expected = i;
                h.pollUntil(() -> h.sink.count() >= expected, "report " + expected);
            }
            assertEquals(READ, h.sink.reports.get(0).readiness(), "the mask the kernel returned: POLLIN only");
            h.drain(p[0]);
            h.settle();
            int n = h.sink.count();
            h.settle();
            assertEquals(n, h.sink.count(), "reported after the data was read");
        }
    }

    @Test
    void interestChangeOfAnArmedPollIsAnUpdateInPlace() {
        assumeTrue(BackendHarness.pollUpdateSupported(), "kernel without IORING_POLL_UPDATE_EVENTS");
        try (BackendHarness h = new BackendHarness()) {
            FileDescriptor[] p = h.pipe();
            int fd = p[1].intValue(); // write end, full: neither readable nor writable
            fillPipe(h, p[1]);
            h.backend.register(fd, READ | WRITE, 3);
            h.pollNoWait();
            assertEquals(1, h.counts().pollAdds);
            h.backend.reregister(fd, WRITE, 3);
            assertEquals(1, h.counts().pollUpdates);
            assertEquals(0, h.counts().pollRemoves, "an update, not a remove");
            h.settle();
            assertEquals(1, h.counts().pollAdds, "the updated poll stays armed");
            assertEquals(1, h.counts().cancelRemoved, "update result 0");
            h.drain(p[0]);
            h.pollUntil(() -> h.sink.count() >= 1, "WRITE once drained");
            assertEquals(WRITE, h.sink.reports.get(0).readiness());
            assertEquals(3, h.sink.reports.get(0).token());
        }
    }

    @Test
    void interestChangeWithoutUpdateIsRemoveAndAdd() {
        try (BackendHarness h = new BackendHarness(256, 1024, false)) {
            FileDescriptor[] p = h.pipe();
            int fd = p[1].intValue();
            fillPipe(h, p[1]);
            h.backend.register(fd, READ | WRITE, 3);
            h.pollNoWait();
            h.backend.reregister(fd, WRITE, 3);
            assertEquals(1, h.counts().pollRemoves);
            assertEquals(0, h.counts().pollUpdates);
            h.pollNoWait();
            assertEquals(2, h.counts().pollAdds);
            h.drain(p[0]);
            h.pollUntil(() -> h.sink.count() >= 1, "WRITE once drained");
            assertEquals(WRITE, h.sink.reports.get(0).readiness());
        }
    }

    @Test
    void registerOnARegisteredFdRemovesAndAddsNeverUpdates() {
        try (BackendHarness h = new BackendHarness()) {
            FileDescriptor[] p = h.pipe();
            int fd = p[0].intValue();
            h.backend.register(fd, READ, 1);
            h.pollNoWait();
            h.backend.register(fd, READ | WRITE, 2);
            h.pollNoWait();
            assertEquals(2, h.counts().pollAdds);
            assertEquals(1, h.counts().pollRemoves);
            assertEquals(0, h.counts().pollUpdates);
            h.write(p[1], 1);
            h.pollUntil(() -> h.sink.count() >= 1, "READ for the new token");
            assertTrue(h.sink.forToken(1).isEmpty(), "the first registration's token was reported");
        }
    }

    @Test
    void unwatchAfterThePollFiredButBeforeItsCompletionWasReaped() throws Exception {
        try (BackendHarness h = new BackendHarness()) {
            FileDescriptor[] p = h.pipe();
            int fd = p[0].intValue();
            h.backend.register(fd, READ, 1);
            h.pollNoWait(); // armed, nothing ready
            // The poll fires in the kernel now: the writer is the thread that armed it, and the
            // completion is posted by task work run before write returns; it is not reaped.
            h.write(p[1], 1);
            h.backend.deregister(fd);
            h.pollUntil(() -> h.backend.watchOf(fd).isQuiescent(), "the fired poll and the cancel completed");
            h.settle();
            assertEquals(0, h.sink.count(), "readiness of an unwatched fd was reported: " + h.sink.reports);
            OpCounts c = h.counts();
            assertEquals(1, c.cancelRemoved + c.cancelNotFound + c.cancelAlready, c.toString());
            assertEquals(1, c.staleCompletions, c.toString());
            System.out.println("[io_uring] unwatch after fire: " + c);
        }
    }

    @Test
    void aCompletionOfTheOldFileNeverReachesTheWatchOfItsReusedNumber() throws Exception {
        try (BackendHarness h = new BackendHarness()) {
            FileDescriptor[] old = h.pipe();
            int number = old[0].intValue();
            h.backend.register(number, READ, 1);
            h.pollNoWait(); // the old file's poll is armed; closing the fd does not cancel it
            BackendHarness.close(old[0]);
            FileDescriptor[] fresh = h.pipe();
            assertEquals(number, fresh[0].intValue(), "the lowest free number is reused");
            h.backend.register(number, READ, 2); // the new file, still empty
            h.write(old[1], 1); // the old file's poll fires (posted before write returns), racing its POLL_REMOVE
            h.settle();
            assertEquals(0, h.sink.count(), "the old file's readiness reached the new watch: " + h.sink.reports);
            h.write(fresh[1], 1);
            h.pollUntil(() -> h.sink.count() >= 1, "READ of the new file");
            assertEquals(2, h.sink.reports.get(0).token());
            assertEquals(READ, h.sink.reports.get(0).readiness());
            System.out.println("[io_uring] fd reuse: " + h.counts());
        }
    }

    @Test
    void aStaleCompletionAfterFdReuseIsDroppedEvenWhenItArrivesAfterTheNewArm() throws Exception {
        try (BackendHarness h = new BackendHarness()) {
            FileDescriptor[] old = h.pipe();
            int number = old[0].intValue();
            h.backend.register(number, READ, 1);
            h.pollNoWait();
            h.write(old[1], 1); // fired before the re-watch: the completion waits in the queue (posted before write returns)
            BackendHarness.close(old[0]);
            FileDescriptor[] fresh = h.pipe();
            assertEquals(number, fresh[0].intValue());
            h.backend.register(number, READ, 2);
            h.settle();
            assertEquals(0, h.sink.count(), "the old file's completion was reported: " + h.sink.reports);
            assertTrue(h.counts().staleCompletions >= 1, h.counts().toString());
        }
    }

    @Test
    void aClosedFdIsReportedDroppedOnceAndNotRearmed() {
        try (BackendHarness h = new BackendHarness()) {
            FileDescriptor[] p = h.pipe();
            int fd = p[0].intValue();
            BackendHarness.close(p[0]);
            h.backend.register(fd, READ, 9);
            h.pollUntil(() -> h.sink.count() >= 1, "the refusal");
            h.settle();
            assertEquals(1, h.sink.count(), h.sink.reports.toString());
            assertEquals(Backend.DROPPED | ERROR, h.sink.reports.get(0).readiness());
            assertEquals(1, h.counts().pollAdds, "a refused fd was armed again");
        }
    }

    @Test
    void aRegularFileCompletesAtOnceWithReadAndWrite() throws IOException {
        Path file = Files.createTempFile("jzx-iouring", ".dat");
        try (BackendHarness h = new BackendHarness()) {
            FileDescriptor fd = FileDescriptor.from(file.toFile());
            try {
                h.backend.register(fd.intValue(), READ | WRITE, 4);
                h.pollUntil(() -> h.sink.count() >= 3, "three reports of a regular file");
                for (RecordingSink.Ready r : h.sink.reports) {
                    assertEquals(READ | WRITE, r.readiness(), "POLL_ADD on a regular file returns POLLIN|POLLOUT");
                }
            } finally {
                fd.close();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * A poll that moves to a larger ring does not wait: a wake-up sent meanwhile may have gone to
     * the old ring's eventfd, which nobody reads any more. The fds are armed afresh in the new ring.
     */
    @Test
    void aPollThatGrowsTheRingLooksWithoutWaitingAndKeepsEveryWatch() {
        int n = 100;
        try (BackendHarness h = new BackendHarness(new RingConfig(16, 16, 1024), BackendHarness.pollUpdateSupported(),
                ring -> ring)) {
            FileDescriptor[][] pipes = new FileDescriptor[n][];
            for (int i = 0; i < n; i++) {
                pipes[i] = h.pipe();
                h.backend.register(pipes[i][0].intValue(), READ, i + 1);
            }
            h.backend.poll(-1, h.sink); // no limit, nothing ready: returns only because the ring grew
            assertEquals(1, h.counts().ringsGrown, h.backend.toString());
            assertEquals(0, h.sink.count(), "empty pipes reported");
            h.write(pipes[n - 1][1], 1);
            h.pollUntil(() -> h.sink.count() == 1, "the last pipe reported from the new ring");
            assertEquals(n, h.sink.reports.get(0).token());
        }
    }

    /**
     * A ring grown for more ready fds re-arms them all in the one {@code io_uring_enter} of the
     * next poll, as a program driving the kernel itself would: its submission queue grows with its
     * completion queue. (Netty's ring counts runs, each of which enters at least once.)
     */
    @Test
    void aGrownRingReArmsEveryReadyFdOfAPollInOneEnter() {
        int n = 200;
        try (BackendHarness h = new BackendHarness(new RingConfig(16, 64, 1024), BackendHarness.pollUpdateSupported(),
                ring -> ring)) {
            for (int i = 0; i < n; i++) {
                FileDescriptor[] p = h.pipe();
                h.write(p[1], 1); // never read: ready on every run
                h.backend.register(p[0].intValue(), READ, i + 1);
            }
            h.pollUntil(() -> h.sink.count() >= n, "all " + n + " ready pipes reported");
            assertEquals(1, h.counts().ringsGrown, h.backend.toString());
            for (int run = 0; run < 3; run++) {
                h.sink.clear();
                long before = h.backend.ring.enters();
                h.pollNoWait();
                assertEquals(n, h.sink.count(), "ready pipes reported by run " + run);
                assertEquals(1, h.backend.ring.enters() - before, "io_uring_enter calls of run " + run + " ("
                        + h.backend.ring + ")");
            }
        }
    }

    /**
     * Level-triggered re-arms of more ready fds than the submission queue holds, run after run:
     * the queue fills several times in one flush, and every re-arm must reach the kernel (an
     * entry written over before the kernel read it loses that fd's readiness for good).
     */
    @Test
    void reArmsOfMoreReadyFdsThanTheSubmissionQueueHoldsAreAllReportedEveryRun() {
        int n = 100;
        try (BackendHarness h = new BackendHarness(16, 256, BackendHarness.pollUpdateSupported())) {
            for (int i = 0; i < n; i++) {
                FileDescriptor[] p = h.pipe();
                h.write(p[1], 1); // never read: ready on every run
                h.backend.register(p[0].intValue(), READ, i + 1);
            }
            h.pollUntil(() -> h.sink.count() == n, "all " + n + " ready pipes reported once");
            for (int run = 0; run < 5; run++) {
                h.sink.clear();
                h.pollUntil(() -> h.sink.count() >= n, "all " + n + " reported again, run " + run);
                assertEquals(n, h.sink.count(), "run " + run + ": " + h.backend);
            }
        }
    }

    @Test
    void fiveThousandPollsOnA16EntrySubmissionQueueAnd256EntryCompletionQueue() {
        int n = 5000;
        try (BackendHarness h = new BackendHarness(16, 256, BackendHarness.pollUpdateSupported())) {
            FileDescriptor[][] pipes = new FileDescriptor[n][];
            for (int i = 0; i < n; i++) {
                pipes[i] = h.pipe();
                h.backend.register(pipes[i][0].intValue(), READ, i + 1);
            }
            h.pollNoWait(); // 5000 POLL_ADDs through a 16-entry submission queue: flushed in batches
            assertEquals(n, h.counts().pollAdds);
            h.settle();
            assertEquals(0, h.sink.count(), "empty pipes reported");
            for (int i = 0; i < n; i += 2) {
                h.write(pipes[i][1], 1); // 2500 completions at once for a 256-entry completion queue
            }
            boolean[] seen = new boolean[n + 1];
            int[] distinct = {0};
            h.pollUntil(() -> {
                for (RecordingSink.Ready r : h.sink.reports) {
                    assertEquals(1, r.token() % 2, "an empty pipe was reported: " + r);
                    if (!seen[r.token()]) {
                        seen[r.token()] = true;
                        distinct[0]++;
                    }
                }
                h.sink.clear();
                return distinct[0] == n / 2;
            }, "all " + n / 2 + " written pipes reported");
            for (FileDescriptor[] p : pipes) {
                h.backend.deregister(p[0].intValue());
            }
            assertEquals(n / 2, h.counts().pollRemoves, "only the polls still armed are removed");
            h.pollUntil(() -> h.counts().cancelRemoved + h.counts().cancelNotFound + h.counts().cancelAlready == n / 2,
                    "every cancel completed");
            h.settle();
            for (FileDescriptor[] p : pipes) {
                assertTrue(h.backend.watchOf(p[0].intValue()).isQuiescent(), h.backend.watchOf(p[0].intValue())::toString);
            }
            assertEquals(0, h.counts().cancelOther, h.counts().toString());
        }
    }

    @Test
    void anyThreadMayDriveTheRingOneAtATime() throws Exception {
        try (BackendHarness h = new BackendHarness()) {
            FileDescriptor[] p = h.pipe();
            int fd = p[0].intValue();
            h.backend.register(fd, READ, 1);
            runOn("first", h::pollNoWait); // arms from a thread that then exits
            h.write(p[1], 1);
            runOn("second", () -> h.pollUntil(() -> h.sink.count() >= 1, "READ on a second thread"));
            runOn("third", () -> h.pollUntil(() -> h.sink.count() >= 3, "READ again on a third thread"));
            h.drain(p[0]);
            h.settle();
            assertFalse(h.sink.reports.isEmpty());
        }
    }

    @Test
    void wakeupFromAnotherThreadEndsAnUnlimitedPoll() throws Exception {
        try (BackendHarness h = new BackendHarness()) {
            java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
            Thread poller = new Thread(() -> {
                try {
                    h.backend.poll(-1, h.sink); // returns only when woken
                } catch (Throwable t) {
                    failed.set(t);
                }
            }, "jzx-uring-poll");
            poller.start();
            assertTrue(KernelWait.awaitBlocked("jzx-uring-poll", KernelWait.IO_URING_ENTER, java.time.Duration.ofSeconds(10)),
                    "the poll never blocked in io_uring_enter");
            h.backend.wakeup();
            poller.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(poller.isAlive(), "a wake-up from another thread did not end the blocked poll");
            assertNull(failed.get(), () -> String.valueOf(failed.get()));
            h.backend.wakeup(); // before the poll: not lost
            h.backend.poll(-1, h.sink);
        }
    }

    private static void fillPipe(BackendHarness h, FileDescriptor writeEnd) {
        try {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocateDirect(65536);
            while (writeEnd.write(b, 0, b.capacity()) > 0) {
                b.clear();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void runOn(String name, Runnable r) throws InterruptedException {
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                r.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "jzx-test-" + name);
        t.start();
        t.join();
        if (failure[0] != null) {
            throw new AssertionError("on thread " + name, failure[0]);
        }
    }

}
