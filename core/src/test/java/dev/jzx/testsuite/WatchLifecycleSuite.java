package dev.jzx.testsuite;

import static dev.jzx.Io.ERROR;
import static dev.jzx.Io.READ;
import static dev.jzx.Io.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jzx.ReadyHandler;
import org.junit.jupiter.api.Test;

/** Contract items 2, 3, 4, 7 and 8 ({@code docs/contract.md}): watch, replace, unwatch, refusal, and fd reuse. */
public abstract class WatchLifecycleSuite extends ConformanceBase {

    protected WatchLifecycleSuite(BackendFixture fixture) {
        super(fixture);
    }

    @Test
    void watchBeforeARunReplacesInterestAndHandler() {
        Pipe p = pipeWithData(1);
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        loop.watch(p.writeFd(), READ, first);
        loop.watch(p.writeFd(), WRITE, second);
        runUntil(() -> second.count() >= 2, "the replacing handler called twice");
        assertEquals(0, first.count(), "the replaced handler was called");
        assertEquals(WRITE, second.union());
    }

    @Test
    void watchAfterARunReplacesInterestAndHandler() {
        Pipe p = pipeWithData(1);
        Recorder first = new Recorder();
        loop.watch(p.readFd(), READ, first);
        runUntil(() -> first.count() >= 1, "first handler called");
        int firstCalls = first.count();
        Recorder second = new Recorder();
        loop.watch(p.readFd(), READ | WRITE, second);
        runUntil(() -> second.count() >= 2, "second handler called twice");
        assertEquals(firstCalls, first.count(), "the replaced handler was called after watch returned");
        assertEquals(READ, second.union(), "a read end is never writable");
    }

    @Test
    void unwatchingAnotherFdInsideAHandlerSuppressesItsEventInTheSameBatch() {
        Pipe a = pipeWithData(1);
        Pipe b = pipeWithData(1);
        Recorder first = new Recorder() {
            @Override
            public boolean onReady(int fd, int readiness) {
                loop.unwatch(b.readFd());
                return super.onReady(fd, readiness);
            }
        };
        Recorder second = new Recorder() {
            @Override
            public boolean onReady(int fd, int readiness) {
                loop.unwatch(a.readFd());
                return super.onReady(fd, readiness);
            }
        };
        loop.watch(a.readFd(), READ, first);
        loop.watch(b.readFd(), READ, second);
        runUntil(() -> first.count() + second.count() >= 3, "the surviving handler called three times");
        assertTrue(first.count() == 0 || second.count() == 0, "both were ready in one batch and each unwatches the"
                + " other: only one may ever be called, yet first=" + first.count() + ", second=" + second.count());
    }

    @Test
    void unwatchInsideItsOwnHandlerStopsIt() {
        Pipe p = pipeWithData(1);
        Recorder r = new Recorder() {
            @Override
            public boolean onReady(int fd, int readiness) {
                loop.unwatch(fd);
                return super.onReady(fd, readiness);
            }
        };
        loop.watch(p.readFd(), READ, r);
        runUntil(() -> r.count() >= 1, "handler called");
        settle();
        assertEquals(1, r.count());
    }

    @Test
    void aHandlerThatWatchesItsFdAgainWinsOverItsReturnValue() {
        Pipe p = pipeWithData(1);
        Recorder replacement = new Recorder();
        ReadyHandler first = (fd, readiness) -> {
            loop.watch(fd, READ, replacement);
            return false; // ignored: the watch made inside the handler wins
        };
        loop.watch(p.readFd(), READ, first);
        runUntil(() -> replacement.count() >= 2, "the replacement handler called twice");
    }

    @Test
    void watchUnwatchWatchCycles() {
        Pipe p = pipeWithData(1);
        for (int i = 0; i < 200; i++) {
            Recorder stale = new Recorder();
            loop.watch(p.readFd(), READ, stale);
            loop.unwatch(p.readFd());
            if (i % 3 == 0) {
                runNoWait(1);
            }
            assertEquals(0, stale.count(), "cycle " + i + ": called after unwatch");
        }
        Recorder last = new Recorder();
        loop.watch(p.readFd(), READ, last);
        runUntil(() -> last.count() >= 2, "the watch after 200 cycles works");
        loop.unwatch(p.readFd());
        int n = last.count();
        settle();
        assertEquals(n, last.count(), "called after the final unwatch");
    }

    @Test
    void unwatchOfAnFdNeverWatchedIsANoOp() {
        loop.unwatch(12345);
        loop.unwatch(0);
        Pipe p = pipeWithData(1);
        loop.unwatch(p.readFd());
        Recorder r = new Recorder();
        loop.watch(p.readFd(), READ, r);
        runUntil(() -> r.count() >= 1, "a watch after stray unwatches works");
    }

    @Test
    void aReusedFdNumberGetsOnlyTheNewFilesEvents() {
        reuseTest(false);
    }

    @Test
    void aReusedFdNumberGetsOnlyTheNewFilesEventsAfterARun() {
        reuseTest(true);
    }

    private void reuseTest(boolean runBetween) {
        // Another thread of the JVM may open a file (a jar's first class load, say) just as the
        // number is freed and keep it: then the scenario starts again with a new number.
        for (int attempt = 1; attempt <= 5; attempt++) {
            if (reuseAttempt(runBetween)) {
                return;
            }
        }
        fail("5 times another thread took the fd number this test freed before it could get it again");
    }

    /** @return false if the freed number could not be had again (nothing was checked) */
    private boolean reuseAttempt(boolean runBetween) {
        Pipe old = pipeWithData(1);
        Recorder oldHandler = new Recorder();
        loop.watch(old.readFd(), READ, oldHandler);
        if (runBetween) {
            runUntil(() -> oldHandler.count() >= 1, "the old pipe reported");
        }
        int number = old.readFd();
        int oldCalls = oldHandler.count();
        fds.close(old.readFd());
        fds.close(old.writeFd()); // the old file, if still polled, now reports READ|HANGUP
        Pipe fresh = null;
        for (int i = 0; i < 20 && fresh == null; i++) {
            Pipe p = fds.pipe();
            if (p.readFd() == number) {
                fresh = p;
            }
        }
        if (fresh == null) {
            loop.unwatch(number);
            return false;
        }
        Recorder newHandler = new Recorder();
        loop.watch(number, READ, newHandler);
        settle();
        assertEquals(oldCalls, oldHandler.count(), "the old handler was called after the number was re-watched");
        assertEquals(0, newHandler.count(), "the new, empty pipe was reported: readiness of the old file leaked ("
                + bits(newHandler.union()) + ")");
        fds.write(fresh.writeFd(), 1);
        runUntil(() -> newHandler.count() >= 1, "the new pipe reported once written");
        assertEquals(READ, newHandler.last());
        return true;
    }

    @Test
    void anInvalidFdIsReportedOnceWithErrorWhileOthersAreServed() {
        Pipe good = pipeWithData(1);
        Pipe gone = fds.pipe();
        int closed = gone.readFd();
        fds.close(gone.readFd());
        Recorder goodHandler = new Recorder();
        Recorder badHandler = new Recorder();
        loop.watch(good.readFd(), READ, goodHandler);
        loop.watch(closed, READ, badHandler);
        runUntil(() -> badHandler.count() >= 1 && goodHandler.count() >= 2, "ERROR for the closed fd and READ for the good one");
        assertEquals(ERROR, badHandler.last() & ERROR, "expected ERROR, got " + bits(badHandler.last()));
        int served = goodHandler.count();
        runUntil(() -> goodHandler.count() >= served + 3, "the good fd keeps being served");
        assertEquals(1, badHandler.count(), "a refused fd is reported once, then unwatched");
    }

    @Test
    void aHandlerThatThrowsLeavesTheLoopWorking() {
        Pipe a = pipeWithData(1);
        Pipe b = pipeWithData(1);
        IllegalStateException boom = new IllegalStateException("boom from a handler");
        int[] thrown = {0};
        Recorder steady = new Recorder();
        loop.watch(a.readFd(), READ, (fd, r) -> {
            thrown[0]++;
            throw boom;
        });
        loop.watch(b.readFd(), READ, steady);
        int escaped = 0;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while ((escaped < 3 || steady.count() < 3) && System.nanoTime() < deadline) {
            try {
                loop.run(50, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (IllegalStateException e) {
                assertTrue(e == boom, "run must let the handler's exception through unchanged, got " + e);
                escaped++;
            }
        }
        assertTrue(escaped >= 3, "the throwing handler stays watched (as if it returned true); it threw " + escaped + " times");
        assertEquals(thrown[0], escaped, "every throw propagated out of run");
        assertTrue(steady.count() >= 3, "the other fd kept being served: " + steady.count() + " calls");
        loop.unwatch(a.readFd());
        int n = steady.count();
        runUntil(() -> steady.count() > n, "the loop works after the throwing watch is gone");
    }
}
