package dev.jzx.iouring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.Io;
import dev.jzx.Poller;
import dev.jzx.testsuite.BackendFixture;
import dev.jzx.testsuite.NettyFds;
import dev.jzx.testsuite.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Waits handed to a poller thread while it is busy are armed together: on io_uring every
 * POLL_ADD queued meanwhile reaches the kernel in the one {@code io_uring_enter} of the next run.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PollerBatchTest {
    private static final int WAITS = 64;

    @Test
    void waitsQueuedWhileThePollerThreadIsBusyReachTheKernelInOneEntry() throws Exception {
        IoUringFixture.IO_URING.requireAvailable();
        BackendFixture.ObservedPoller observed = IoUringFixture.IO_URING.openPoller(1);
        IoUringBackend backend = (IoUringBackend) observed.backends().get(0).inner();
        try (Poller poller = observed.poller(); NettyFds fds = new NettyFds()) {
            Pipe gate = fds.pipe();
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> held = poller.whenReady(gate.readFd(), Io.READ).thenRun(() -> {
                holding.countDown(); // on the poller thread, inside its run: it takes no wait until released
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            fds.write(gate.writeFd(), 1);
            assertTrue(holding.await(10, TimeUnit.SECONDS), "the gate was never reported");
            long batchBefore = backend.counts.largestArmBatch;
            List<CompletableFuture<Integer>> waits = new ArrayList<>();
            for (int i = 0; i < WAITS; i++) {
                Pipe p = fds.pipe();
                fds.write(p.writeFd(), 1);
                waits.add(poller.whenReady(p.readFd(), Io.READ)); // queued: the poller thread is held
            }
            release.countDown();
            for (CompletableFuture<Integer> w : waits) {
                assertEquals(Io.READ, w.get(10, TimeUnit.SECONDS));
            }
            held.get(10, TimeUnit.SECONDS);
            OpCounts counts = backend.counts;
            assertTrue(batchBefore < WAITS, "a batch of " + batchBefore + " before the test's waits");
            assertEquals(WAITS, counts.largestArmBatch, "POLL_ADDs written before one ring entry: " + counts);
        }
    }
}
