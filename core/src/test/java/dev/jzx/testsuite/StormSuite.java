package dev.jzx.testsuite;

import static dev.jzx.Io.READ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.RunMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Behaviour 12 (docs/contract.md): more fds ready at once than any queue holds. 9,000 pipes are
 * made readable together; every one is reported, and once its handler has drained it, it stays
 * quiet. A backend whose queues are smaller (an io_uring completion queue of a few thousand
 * entries) must move the excess through, never drop it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class StormSuite extends ConformanceBase {
    /** Pipes made ready at once: 18,000 descriptors, within the 20,000 the build's machines allow. */
    public static final int PIPES = 9_000;

    protected StormSuite(BackendFixture fixture) {
        super(fixture);
    }

    @Test
    void nineThousandPipesReadyAtOnceAreAllReportedThenQuiet() {
        List<Pipe> pipes = new ArrayList<>(PIPES);
        int maxFd = 0;
        for (int i = 0; i < PIPES; i++) {
            Pipe p = fds.pipe();
            pipes.add(p);
            maxFd = Math.max(maxFd, p.readFd());
        }
        int[] reports = new int[maxFd + 1];
        int[] wrongReadiness = {0};
        for (Pipe p : pipes) {
            loop.watch(p.readFd(), READ, (fd, readiness) -> {
                if (readiness != READ) {
                    wrongReadiness[0]++;
                }
                reports[fd]++;
                fds.drain(fd);
                return true;
            });
        }
        assertEquals(0, loop.run(RunMode.NO_WAIT), "empty pipes reported");
        for (Pipe p : pipes) {
            assertEquals(1, fds.write(p.writeFd(), 1));
        }
        int[] reported = {0};
        runUntil(() -> {
            int n = 0;
            for (Pipe p : pipes) {
                n += reports[p.readFd()] > 0 ? 1 : 0;
            }
            reported[0] = n;
            return n == PIPES;
        }, "all " + PIPES + " ready pipes reported (" + reported[0] + " so far)");
        assertEquals(0, wrongReadiness[0], "reports with readiness other than READ");
        int before = 0;
        for (Pipe p : pipes) {
            before += reports[p.readFd()];
        }
        assertEquals(0, settle(), "drained pipes reported again");
        int after = 0;
        for (Pipe p : pipes) {
            after += reports[p.readFd()];
            assertTrue(reports[p.readFd()] >= 1);
        }
        assertEquals(before, after, "drained pipes reported again");
        assertTrue(before <= PIPES + PIPES / 100, "spurious readiness is not rare: " + before + " reports for "
                + PIPES + " pipes each written once");
    }
}
