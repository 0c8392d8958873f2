package dev.jzx;

import static dev.jzx.Io.READ;
import static dev.jzx.Io.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.spi.Backends;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What core asks of a backend, seen through a scripted one. */
class LoopRuntimeTest {
    private final ScriptedBackend backend = new ScriptedBackend();

    @Test
    void droppingOneDirectionChangesInterestInPlace() {
        backend.readyMask = WRITE;
        LoopRuntime loop = new LoopRuntime(new Backends.Opened("scripted", backend));
        loop.watch(5, READ | WRITE, (fd, r) -> (r & WRITE) == 0);
        loop.run(RunMode.NO_WAIT);
        assertEquals(List.of("register 5 READ|WRITE", "reregister 5 READ"), backend.calls);
    }

    @Test
    void returningFalseForEveryDirectionDeregisters() {
        LoopRuntime loop = new LoopRuntime(new Backends.Opened("scripted", backend));
        loop.watch(7, READ, (fd, r) -> false);
        assertEquals(1, loop.run(RunMode.NO_WAIT));
        assertEquals(0, loop.run(RunMode.NO_WAIT));
        assertEquals(List.of("register 7 READ", "deregister 7"), backend.calls);
    }

    @Test
    void aRefusedRegistrationIsReportedOnceAsErrorThroughThePoll() {
        backend.refuseFd = 9;
        LoopRuntime loop = new LoopRuntime(new Backends.Opened("scripted", backend));
        int[] seen = {0, 0};
        loop.watch(9, READ, (fd, r) -> {
            seen[0]++;
            seen[1] = r;
            return true;
        });
        assertEquals(1, loop.run(RunMode.NO_WAIT));
        assertEquals(0, loop.run(RunMode.NO_WAIT));
        assertEquals(1, seen[0]);
        assertEquals(Io.ERROR, seen[1]);
        assertEquals(List.of("register 9 READ", "deregister 9"), backend.calls,
                "the refusal comes through the poll; core then ends the registration (a no-op for the kernel)");
    }

    @Test
    void aQueuedWatchThatTheBackendRejectsIsReportedAsErrorToItsHandler() throws Exception {
        ScriptedBackend throwing = new ScriptedBackend() {
            @Override
            public int register(int fd, int i, int t) {
                if (fd == 8) {
                    throw new java.io.UncheckedIOException(new java.io.IOException("ENOMEM"));
                }
                return super.register(fd, i, t);
            }
        };
        LoopRuntime loop = new LoopRuntime(new Backends.Opened("scripted", throwing));
        int[] seen = {0, 0};
        java.util.concurrent.CountDownLatch inRun = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch queued = new java.util.concurrent.CountDownLatch(1);
        loop.watch(3, READ, (fd, r) -> {
            inRun.countDown();
            try {
                queued.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        });
        Thread other = new Thread(() -> {
            try {
                inRun.await(5, java.util.concurrent.TimeUnit.SECONDS);
                loop.watch(8, READ, (fd, r) -> {
                    seen[0]++;
                    seen[1] = r;
                    return true;
                }); // queued: a run is in progress
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                queued.countDown();
            }
        });
        other.start();
        loop.run(RunMode.NO_WAIT);
        other.join(5000);
        loop.run(RunMode.NO_WAIT); // applies the queued watch: the backend throws
        loop.run(RunMode.NO_WAIT); // reports the refusal
        loop.run(RunMode.NO_WAIT);
        assertEquals(1, seen[0], "the handler of the failed queued watch is told once");
        assertEquals(Io.ERROR, seen[1]);
    }

    @Test
    void unwatchOfAnUnknownFdAsksNothingOfTheBackend() {
        LoopRuntime loop = new LoopRuntime(new Backends.Opened("scripted", backend));
        loop.unwatch(3);
        loop.unwatch(100_000);
        assertEquals(List.of(), backend.calls);
    }

    @Test
    void closeClosesTheBackendOnce() {
        LoopRuntime loop = new LoopRuntime(new Backends.Opened("scripted", backend));
        loop.watch(4, READ, (fd, r) -> true);
        loop.close();
        loop.close();
        assertEquals(List.of("register 4 READ", "close"), backend.calls, "close never deregisters fd by fd");
    }

    @Test
    void dispatchAllocatesNothingPerEventInSteadyState() {
        backend.record = false;
        LoopRuntime loop = new LoopRuntime(new Backends.Opened("scripted", backend));
        for (int fd = 10; fd < 110; fd++) {
            loop.watch(fd, READ, (fd1, r) -> true);
        }
        for (int i = 0; i < 20_000; i++) { // warm up: batch arrays grown, code compiled
            loop.run(RunMode.NO_WAIT);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        int calls = 0;
        for (int i = 0; i < 10_000; i++) {
            calls += loop.run(RunMode.NO_WAIT);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertEquals(1_000_000, calls);
        assertTrue(allocated < 64 * 1024, allocated + " bytes allocated for " + calls
                + " delivered events: dispatch must not allocate per event");
    }
}
