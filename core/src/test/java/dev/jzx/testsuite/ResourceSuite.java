package dev.jzx.testsuite;

import static dev.jzx.Io.READ;
import static dev.jzx.Io.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.Loop;
import dev.jzx.RunMode;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Contract item 10 ({@code docs/contract.md}): close, from every thread, and no leaks. */
public abstract class ResourceSuite extends ConformanceBase {

    protected ResourceSuite(BackendFixture fixture) {
        super(fixture);
    }

    @Test
    void twoThousandOpenCloseCyclesLeakNoDescriptor() {
        Pipe p = pipeWithData(1);
        // Warm up: class loading and the native library may open descriptors once.
        for (int i = 0; i < 20; i++) {
            cycle(p, i);
        }
        java.util.SortedMap<Integer, String> before = fds.descriptorTable();
        for (int i = 0; i < 2000; i++) {
            cycle(p, i);
        }
        java.util.SortedMap<Integer, String> after = fds.descriptorTable();
        // A leak is a descriptor added; the JVM may close one of its own meanwhile.
        assertEquals(java.util.Map.of(), DescriptorTable.added(before, after),
                () -> "over 2000 loops: " + DescriptorTable.describeChange(before, after));
        assertEquals(1, fds.read(p.readFd(), 1), "the watched pipe stays open");
    }

    private void cycle(Pipe p, int i) {
        try (Loop l = fixture.open()) {
            if (i % 2 == 0) {
                l.watch(p.readFd(), READ, (fd, r) -> true);
                l.watch(p.writeFd(), WRITE, (fd, r) -> true);
                l.run(RunMode.NO_WAIT);
            }
        }
    }

    @Test
    void closeFromAHandlerEndsTheRunAndCallsNoOtherHandler() {
        Pipe a = pipeWithData(1);
        Pipe b = pipeWithData(1);
        AtomicInteger calls = new AtomicInteger();
        loop.watch(a.readFd(), READ, (fd, r) -> {
            calls.incrementAndGet();
            loop.close();
            return true;
        });
        loop.watch(b.readFd(), READ, (fd, r) -> {
            calls.incrementAndGet();
            loop.close();
            return true;
        });
        assertEquals(1, loop.run(RunMode.ONCE), "the run ends after the handler that closed the loop");
        assertEquals(1, calls.get());
        assertThrows(IllegalStateException.class, () -> loop.run(RunMode.NO_WAIT));
        assertEquals(1, fds.read(a.readFd(), 10), "the pipe stays open");
        assertEquals(1, fds.read(b.readFd(), 10), "the pipe stays open");
    }

    @Test
    void closeFromAnotherThreadWhileRunBlocksWakesItAndCloses() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger result = new AtomicInteger(-1);
        Pipe idle = fds.pipe();
        loop.watch(idle.readFd(), READ, (fd, r) -> true);
        Thread runner = start("jzx-runner", () -> {
            started.countDown();
            result.set(loop.run(RunMode.ONCE));
        });
        assertTrue(started.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        awaitBlockedRun(0);
        loop.close(); // returns once the run has returned and the backend is closed
        runner.join(PATIENCE.toMillis());
        assertFalse(runner.isAlive(), "close did not end the blocked run");
        assertEquals(0, result.get());
        assertThrows(IllegalStateException.class, () -> loop.watch(idle.readFd(), READ, (fd, r) -> true));
        assertEquals(1, fds.write(idle.writeFd(), 1), "the user's pipe stays open");
    }
}
