package dev.jzx.testsuite;

import static dev.jzx.Io.READ;
import static dev.jzx.Io.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.RunMode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Soak: many watch/unwatch cycles and many delivered events on one loop, with the process's
 * open descriptors, resident memory (VmRSS after a GC) and live heap compared before and after.
 *
 * <p>{@code -Djzx.soak.cycles=N} sets both counts (default 100,000, under a second, which keeps the build fast;
 * the full size is 1,000,000). The tolerances: descriptors equal (give or take one, for
 * the rest of the test JVM) before, half way and after (a leak of one per 1000 cycles shows as
 * 100 at the default size); resident
 * memory outside the heap may grow by at most {@value #RSS_SLACK_KB}/2 KiB in the smaller of
 * the two halves (a leak grows in both: at 1,000,000 cycles this catches 4 bytes per cycle, at
 * 100,000 40 bytes) and 8 x {@value #RSS_SLACK_KB} KiB in all; the live heap by at most
 * {@value #HEAP_SLACK_KB} KiB.
 */
public abstract class SoakSuite extends ConformanceBase {
    static final long RSS_SLACK_KB = 4096;
    static final long HEAP_SLACK_KB = 2048;
    private static final int PIPES = 32;

    protected SoakSuite(BackendFixture fixture) {
        super(fixture);
    }

    private static long cycles() {
        return Long.getLong("jzx.soak.cycles", 100_000);
    }

    /** A snapshot of what a leak would raise. */
    private final class Footprint {
        final java.util.SortedMap<Integer, String> fds;
        final long rssKb;
        final long heapKb;
        final long committedKb;

        Footprint() {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            this.fds = SoakSuite.this.fds.descriptorTable();
            this.rssKb = rssKb();
            this.heapKb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
            this.committedKb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1024;
        }

        @Override
        public String toString() {
            return fds.size() + " fds, VmRSS " + (rssKb < 0 ? "n/a" : rssKb + " kB") + ", heap used " + heapKb + " kB of " + committedKb + " kB committed";
        }
    }

    /** @return VmRSS in kB, or -1 where /proc/self/status does not exist */
    static long rssKb() {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private long nativeGrowth(Footprint from, Footprint to) {
        // The Java heap growing its committed size (and touching it) is not a leak; the rest is native.
        return to.rssKb - from.rssKb - Math.max(0, to.committedKb - from.committedKb);
    }

    /**
     * A leak grows with the count, so it shows in both halves; a one-time growth (malloc arenas,
     * code cache, heap pages touched for the first time) shows in one. So: descriptors exactly
     * equal at all three points, the smaller half's native growth within half the slack, the
     * whole within eight times the slack, and the live heap flat.
     */
    private void assertFlat(String what, long n, Footprint before, Footprint mid, Footprint after, long nanos) {
        System.out.printf("[jzx] %s soak, %,d %s in %.1f s: before %s; half way %s; after %s%n", fixture.name(), n, what,
                nanos / 1e9, before, mid, after);
        assertEquals(java.util.Map.of(), DescriptorTable.added(before.fds, mid.fds), () -> fixture.name() + " over "
                + n / 2 + " " + what + ": " + DescriptorTable.describeChange(before.fds, mid.fds));
        assertEquals(java.util.Map.of(), DescriptorTable.added(before.fds, after.fds), () -> fixture.name() + " over "
                + n + " " + what + ": " + DescriptorTable.describeChange(before.fds, after.fds));
        if (before.rssKb >= 0 && after.rssKb >= 0) {
            long first = nativeGrowth(before, mid);
            long second = nativeGrowth(mid, after);
            System.out.printf("[jzx] %s soak: resident memory outside the heap %+d kB in the first half, %+d kB in "
                    + "the second%n", fixture.name(), first, second);
            assertTrue(Math.min(first, second) <= RSS_SLACK_KB / 2, () -> fixture.name() + ": resident memory outside "
                    + "the heap grew in both halves of " + n + " " + what + ": " + first + " kB, then " + second + " kB");
            assertTrue(first + second <= 8 * RSS_SLACK_KB, () -> fixture.name() + ": resident memory outside the heap "
                    + "grew by " + (first + second) + " kB over " + n + " " + what);
        }
        assertTrue(after.heapKb - before.heapKb <= HEAP_SLACK_KB, () -> fixture.name() + ": live heap grew by "
                + (after.heapKb - before.heapKb) + " kB over " + n + " " + what);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void watchUnwatchCyclesLeakNothing() {
        long n = cycles();
        Pipe[] pipes = new Pipe[PIPES];
        for (int i = 0; i < PIPES; i++) {
            pipes[i] = pipeWithData(1);
        }
        int[] calls = {0};
        churn(pipes, Math.min(n, 100_000), calls); // warm up: JIT, arenas, the backend's tables
        Footprint before = new Footprint();
        long t0 = System.nanoTime();
        churn(pipes, n / 2, calls);
        runNoWait(2); // the last cancellations complete
        long took = System.nanoTime() - t0;
        Footprint mid = new Footprint();
        t0 = System.nanoTime();
        churn(pipes, n - n / 2, calls);
        runNoWait(2);
        took += System.nanoTime() - t0;
        Footprint after = new Footprint();
        assertTrue(calls[0] > 0, "the churn never delivered anything");
        assertFlat("watch/unwatch cycles", n, before, mid, after, took);
        // Still whole: a fresh watch delivers.
        Recorder r = new Recorder();
        loop.watch(pipes[0].readFd(), READ, r);
        runUntil(() -> r.count() > 0, "a watch after the soak reported");
    }

    /**
     * One cycle: a watch (either end) and its unwatch; every other cycle a run in between, so the
     * kernel sees the arm, delivers, and sees the cancel (without a run a backend may coalesce the
     * pair and never touch the kernel).
     */
    private void churn(Pipe[] pipes, long n, int[] calls) {
        for (long i = 0; i < n; i++) {
            Pipe p = pipes[(int) (i % PIPES)];
            boolean readEnd = (i & 64) == 0;
            int fd = readEnd ? p.readFd() : p.writeFd();
            loop.watch(fd, readEnd ? READ : WRITE, (f, r) -> {
                calls[0]++;
                return true;
            });
            if ((i & 1) == 1) {
                loop.run(RunMode.NO_WAIT);
            }
            loop.unwatch(fd);
        }
        loop.run(RunMode.NO_WAIT);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void deliveredEventsLeakNothing() {
        long n = cycles();
        Pipe[] pipes = new Pipe[PIPES];
        long[] reads = {0};
        long[] calls = {0};
        for (int i = 0; i < PIPES; i++) {
            pipes[i] = pipeWithData(1);
            Pipe p = pipes[i];
            boolean consume = i % 2 == 0; // half are read and refilled, half stay ready
            loop.watch(p.readFd(), READ, (fd, r) -> {
                calls[0]++;
                if (consume && fds.read(fd, 1) > 0) {
                    reads[0]++;
                    fds.write(p.writeFd(), 1);
                }
                return true;
            });
        }
        deliver(Math.min(n, 100_000), calls);
        Footprint before = new Footprint();
        long start = calls[0];
        long t0 = System.nanoTime();
        deliver(n / 2, calls);
        long took = System.nanoTime() - t0;
        Footprint mid = new Footprint();
        t0 = System.nanoTime();
        deliver(n - n / 2, calls);
        took += System.nanoTime() - t0;
        Footprint after = new Footprint();
        assertTrue(calls[0] - start >= n);
        assertTrue(reads[0] > 0, "no handler read anything");
        assertFlat("delivered events", calls[0] - start, before, mid, after, took);
    }

    private void deliver(long n, long[] calls) {
        long target = calls[0] + n;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(25);
        while (calls[0] < target) {
            assertTrue(System.nanoTime() < deadline, "events stopped flowing");
            loop.run(100, TimeUnit.MILLISECONDS);
        }
    }
}
