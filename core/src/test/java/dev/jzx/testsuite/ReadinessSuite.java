package dev.jzx.testsuite;

import static dev.jzx.Io.ERROR;
import static dev.jzx.Io.HANGUP;
import static dev.jzx.Io.READ;
import static dev.jzx.Io.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.RunMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Contract items 1, 2, 7 and 12 ({@code docs/contract.md}): what is reported, when, and for how long. */
public abstract class ReadinessSuite extends ConformanceBase {

    protected ReadinessSuite(BackendFixture fixture) {
        super(fixture);
    }

    @Test
    void unreadDataIsReportedAgainOnEveryRun() {
        Pipe p = pipeWithData(1);
        Recorder r = new Recorder();
        loop.watch(p.readFd(), READ, r);
        runUntil(() -> r.count() >= 1, "first READ report");
        for (int i = 2; i <= 5; i++) {
            int expected = i;
            runUntil(() -> r.count() >= expected, "READ report number " + expected + " of unread data");
        }
        assertEquals(READ, r.union(), "a readable pipe with a live writer reports READ only, got " + bits(r.union()));
        assertEquals(List.of(p.readFd()), r.fds().subList(0, 1));
    }

    @Test
    void nothingIsReportedOnceTheDataIsRead() {
        Pipe p = pipeWithData(3);
        Recorder r = new Recorder();
        loop.watch(p.readFd(), READ, r);
        runUntil(() -> r.count() >= 1, "READ report");
        assertEquals(3, fds.read(p.readFd(), 100));
        int before = r.count();
        settle();
        assertEquals(before, r.count(), "an emptied pipe was reported again");
    }

    @Test
    void returningFalseStopsThatDirection() {
        Pipe p = pipeWithData(1);
        Recorder r = new Recorder(readiness -> false);
        loop.watch(p.readFd(), READ, r);
        runUntil(() -> r.count() >= 1, "READ report");
        settle();
        assertEquals(1, r.count(), "after false, the unread pipe must not be reported again");
        Recorder again = new Recorder();
        loop.watch(p.readFd(), READ, again);
        runUntil(() -> again.count() >= 1, "READ report after watching again");
    }

    @Test
    void returningFalseForOneDirectionKeepsTheOther() {
        // A pipe's write end watched for READ|WRITE: writable at once, never readable. Dropping
        // WRITE keeps the watch (READ is left), so closing the reader still reports ERROR.
        Pipe p = fds.pipe();
        Recorder w = new Recorder(readiness -> (readiness & WRITE) == 0);
        loop.watch(p.writeFd(), READ | WRITE, w);
        runUntil(() -> w.count() >= 1, "WRITE on the write end");
        assertEquals(WRITE, w.last());
        settle();
        assertEquals(1, w.count(), "WRITE was dropped by returning false, yet reported again");
        fds.close(p.readFd());
        runUntil(() -> w.count() >= 2, "ERROR on the write end once its reader closed (READ interest kept)");
        assertTrue((w.last() & ERROR) != 0, "expected ERROR, got " + bits(w.last()));
        assertEquals(0, w.last() & WRITE, "WRITE left the interest, got " + bits(w.last()));
    }

    @Test
    void readOnlyInterestNeverReportsWrite() {
        Pipe p = pipeWithData(1);
        Recorder reader = new Recorder();
        Recorder writer = new Recorder();
        loop.watch(p.readFd(), READ, reader);
        loop.watch(p.writeFd(), READ, writer); // a write end is writable, never readable
        runUntil(() -> reader.count() >= 3, "three READ reports");
        settle();
        assertEquals(READ, reader.union());
        assertEquals(0, writer.count(), "a READ-only watch of a writable fd reported " + bits(writer.union()));
    }

    @Test
    void writeInterestReportsAWritablePipe() {
        Pipe p = fds.pipe();
        Recorder r = new Recorder(readiness -> false);
        loop.watch(p.writeFd(), WRITE, r);
        runUntil(() -> r.count() >= 1, "WRITE report");
        assertEquals(WRITE, r.last());
    }

    @Test
    void aFullPipeIsNotWritableUntilDrained() {
        Pipe p = fds.pipe();
        fds.fill(p.writeFd());
        Recorder r = new Recorder(readiness -> false);
        loop.watch(p.writeFd(), WRITE, r);
        settle();
        assertEquals(0, r.count(), "a full pipe was reported writable");
        fds.drain(p.readFd());
        runUntil(() -> r.count() >= 1, "WRITE after draining");
    }

    @Test
    void writerClosedGivesReadAndHangupThenEndOfFile() {
        Pipe p = pipeWithData(2);
        fds.close(p.writeFd());
        Recorder r = new Recorder();
        loop.watch(p.readFd(), READ, r);
        runUntil(() -> r.count() >= 1, "report after the writer closed");
        assertEquals(READ | HANGUP, r.last() & (READ | HANGUP), "expected READ|HANGUP, got " + bits(r.last()));
        assertEquals(2, fds.read(p.readFd(), 10), "the unread bytes are still there");
        assertEquals(-1, fds.read(p.readFd(), 10), "then end of file");
        int seen = r.count();
        runUntil(() -> r.count() > seen, "end of file stays readable (level-triggered)");
        assertTrue((r.last() & HANGUP) != 0, "still hung up, got " + bits(r.last()));
    }

    @Test
    void readerClosedGivesWriteWithError() {
        Pipe p = fds.pipe();
        fds.close(p.readFd());
        Recorder r = new Recorder(readiness -> false);
        loop.watch(p.writeFd(), WRITE, r);
        runUntil(() -> r.count() >= 1, "report after the reader closed");
        assertTrue((r.last() & ERROR) != 0, "expected ERROR, got " + bits(r.last()));
        assertEquals(0, r.last() & READ, "READ is outside the interest, got " + bits(r.last()));
    }

    @Test
    void aRegularFileIsAlwaysReady() {
        int fd = fds.regularFile();
        Recorder r = new Recorder();
        loop.watch(fd, READ | WRITE, r);
        runUntil(() -> r.count() >= 1, "a regular file ready");
        int first = r.union();
        runUntil(() -> r.union() == (READ | WRITE), "READ and WRITE both reported for a regular file");
        assertEquals(0, first & ERROR, "a regular file is not an error, got " + bits(first));
        int n = r.count();
        runUntil(() -> r.count() >= n + 3, "a regular file reported on every run");
        loop.unwatch(fd);
        int after = r.count();
        settle();
        assertEquals(after, r.count(), "reported after unwatch");
    }

    @Test
    void aRegularFileStopsWhenItsHandlerReturnsFalse() {
        int fd = fds.regularFile();
        Recorder r = new Recorder(readiness -> false);
        loop.watch(fd, READ, r);
        runUntil(() -> r.count() >= 1, "a regular file ready");
        settle();
        assertEquals(1, r.count(), "reported again after false");
        assertEquals(READ, r.last());
    }

    @Test
    void fiveThousandReadyPipesAreAllDelivered() {
        int n = 5000;
        Pipe[] pipes = new Pipe[n];
        boolean[] seen = new boolean[n];
        int[] distinct = {0};
        for (int i = 0; i < n; i++) {
            pipes[i] = pipeWithData(1);
            int index = i;
            loop.watch(pipes[i].readFd(), READ, (fd, readiness) -> {
                if (!seen[index]) {
                    seen[index] = true;
                    distinct[0]++;
                }
                return false;
            });
        }
        runUntil(() -> distinct[0] == n, "all " + n + " pipes reported (" + distinct[0] + " so far)");
        settle();
        assertEquals(n, distinct[0]);
    }

    @Test
    void noWaitDeliversWhatIsAlreadyReady() {
        Pipe p = pipeWithData(1);
        Recorder r = new Recorder();
        loop.watch(p.readFd(), READ, r);
        runUntil(() -> r.count() >= 1, "READ report");
        int before = r.count();
        int calls = 0;
        for (int i = 0; i < 20 && calls == 0; i++) {
            calls += loop.run(RunMode.NO_WAIT);
        }
        assertTrue(calls > 0, "NO_WAIT runs delivered nothing for a readable pipe");
        assertEquals(r.count() - before, calls, "run returns the number of handler calls");
    }
}
