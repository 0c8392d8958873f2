package dev.jzx.testsuite;

import static dev.jzx.Io.ERROR;
import static dev.jzx.Io.HANGUP;
import static dev.jzx.Io.READ;
import static dev.jzx.Io.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.RunMode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Contract item 6 ({@code docs/contract.md}): every bad argument and every call on a closed loop, each changing nothing. */
public abstract class BadInputSuite extends ConformanceBase {

    protected BadInputSuite(BackendFixture fixture) {
        super(fixture);
    }

    private static void rejects(Class<? extends Throwable> type, String mustMention, Executable call) {
        Throwable t = assertThrows(type, call);
        assertTrue(t.getMessage() != null && t.getMessage().contains(mustMention),
                "message should mention '" + mustMention + "': " + t.getMessage());
    }

    @Test
    void badArgumentsAreRejectedAndChangeNothing() {
        Pipe p = pipeWithData(1);
        Recorder r = new Recorder();
        loop.watch(p.readFd(), READ, r);
        int fd = p.readFd();
        rejects(IllegalArgumentException.class, "-1", () -> loop.watch(-1, READ, new Recorder()));
        rejects(IllegalArgumentException.class, "-7", () -> loop.unwatch(-7));
        rejects(IllegalArgumentException.class, "interest", () -> loop.watch(fd, 0, new Recorder()));
        rejects(IllegalArgumentException.class, "ERROR", () -> loop.watch(fd, READ | ERROR, new Recorder()));
        rejects(IllegalArgumentException.class, "HANGUP", () -> loop.watch(fd, HANGUP, new Recorder()));
        rejects(IllegalArgumentException.class, "0x10", () -> loop.watch(fd, READ | 0x10, new Recorder()));
        rejects(IllegalArgumentException.class, "-1", () -> loop.watch(fd, -1, new Recorder()));
        rejects(NullPointerException.class, "handler", () -> loop.watch(fd, READ, null));
        rejects(IllegalArgumentException.class, String.valueOf(Integer.MAX_VALUE),
                () -> loop.watch(Integer.MAX_VALUE, READ, new Recorder()));
        rejects(IllegalArgumentException.class, "timeout", () -> loop.run(-1, TimeUnit.MILLISECONDS));
        rejects(NullPointerException.class, "unit", () -> loop.run(1, null));
        rejects(NullPointerException.class, "mode", () -> loop.run(null));
        runUntil(() -> r.count() >= 2, "the existing watch still works after the rejected calls");
        assertEquals(READ, r.union(), "its interest was not changed by a rejected watch");
    }

    @Test
    void everyCallOnAClosedLoopIsRejectedExceptWakeupAndClose() {
        Pipe p = pipeWithData(1);
        loop.watch(p.readFd(), READ, new Recorder());
        String name = loop.backend();
        loop.close();
        rejects(IllegalStateException.class, "closed", () -> loop.watch(p.readFd(), READ, new Recorder()));
        rejects(IllegalStateException.class, "closed", () -> loop.unwatch(p.readFd()));
        rejects(IllegalStateException.class, "closed", () -> loop.run(RunMode.NO_WAIT));
        rejects(IllegalStateException.class, "closed", () -> loop.run(RunMode.ONCE));
        rejects(IllegalStateException.class, "closed", () -> loop.run(10, TimeUnit.MILLISECONDS));
        loop.wakeup();
        loop.close();
        assertEquals(name, loop.backend());
        // bad arguments are still reported as such on a closed loop
        rejects(IllegalArgumentException.class, "-1", () -> loop.watch(-1, READ, new Recorder()));
    }

    @Test
    void theWatchedFdsStayOpenAfterClose() {
        Pipe p = pipeWithData(1);
        loop.watch(p.readFd(), READ, new Recorder());
        loop.watch(p.writeFd(), WRITE, new Recorder());
        runNoWait(2);
        loop.close();
        assertEquals(1, fds.write(p.writeFd(), 1), "the write end was closed by the loop");
        assertEquals(2, fds.read(p.readFd(), 10), "the read end was closed by the loop");
    }
}
