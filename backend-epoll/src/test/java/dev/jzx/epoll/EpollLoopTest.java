package dev.jzx.epoll;

import static dev.jzx.Io.ERROR;
import static dev.jzx.Io.READ;
import static dev.jzx.Io.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.Loop;
import dev.jzx.RunMode;
import dev.jzx.testsuite.NettyFds;
import dev.jzx.testsuite.Pipe;
import dev.jzx.testsuite.Recorder;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** epoll through the public API, checked against the kernel's interest list. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EpollLoopTest {
    private NettyFds fds;
    private Loop loop;
    private InterestList kernel;

    @BeforeAll
    static void nativeLoaded() {
        NettyNative.load(); // NettyFds
        assertTrue(new EpollBackendProvider().availability().isAvailable());
    }

    @BeforeEach
    void open() {
        fds = new NettyFds();
        InterestList.Opened<Loop> opened = InterestList.whileOpening(() -> Loop.open("epoll"));
        loop = opened.value();
        kernel = opened.interestList();
    }

    @AfterEach
    void close() {
        loop.close();
        fds.close();
    }

    private Pipe pipeWithData() {
        Pipe p = fds.pipe();
        assertEquals(1, fds.write(p.writeFd(), 1));
        return p;
    }

    /**
     * libxev #234: skipping the event of an fd unwatched earlier in the batch is not enough; its
     * level-triggered registration must leave the kernel, or every later wait returns at once.
     */
    @Test
    void anFdUnwatchedByAnEarlierHandlerOfTheSameBatchLeavesTheKernel() {
        Pipe a = pipeWithData();
        Pipe b = pipeWithData();
        int[] victim = {-1};
        Recorder first = new Recorder() {
            @Override
            public boolean onReady(int fd, int readiness) {
                if (victim[0] < 0) {
                    victim[0] = fd == a.readFd() ? b.readFd() : a.readFd();
                    loop.unwatch(victim[0]);
                }
                return super.onReady(fd, readiness);
            }
        };
        loop.watch(a.readFd(), READ, first);
        loop.watch(b.readFd(), READ, first);
        assertEquals(1, loop.run(RunMode.ONCE), "both were ready in one batch; the second was dropped");
        assertFalse(kernel.contains(victim[0]), "the unwatched fd is still in the interest list");
        int survivor = victim[0] == a.readFd() ? b.readFd() : a.readFd();
        assertTrue(kernel.contains(survivor));
        loop.unwatch(survivor);
        long start = System.nanoTime();
        assertEquals(0, loop.run(200, TimeUnit.MILLISECONDS), "nothing is watched any more");
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(150),
                "the wait ended early: a dropped registration is still reporting");
        assertEquals(1, first.count());
    }

    @Test
    void returningFalseForEveryDirectionDeletesTheRegistration() {
        Pipe p = pipeWithData();
        Recorder once = new Recorder(r -> false);
        loop.watch(p.readFd(), READ, once);
        loop.run(RunMode.ONCE);
        assertFalse(kernel.contains(p.readFd()));
    }

    @Test
    void returningFalseForOneDirectionModifiesTheRegistration() {
        Pipe p = fds.pipe();
        Recorder writes = new Recorder(r -> (r & WRITE) == 0);
        loop.watch(p.writeFd(), READ | WRITE, writes);
        loop.run(RunMode.ONCE);
        assertTrue(kernel.contains(p.writeFd()), "READ interest is left");
        fds.close(p.readFd());
        loop.run(RunMode.ONCE);
        assertEquals(ERROR, writes.last() & ERROR);
    }

    @Test
    void anFdClosedWithoutUnwatchAndReusedIsWatchedAfresh() {
        Pipe old = pipeWithData();
        int number = old.readFd();
        Recorder oldHandler = new Recorder();
        loop.watch(number, READ, oldHandler);
        loop.run(RunMode.ONCE);
        fds.close(old.readFd());
        fds.close(old.writeFd());
        Pipe fresh = null;
        for (int i = 0; i < 20 && fresh == null; i++) {
            Pipe p = fds.pipe();
            fresh = p.readFd() == number ? p : null;
        }
        assertTrue(fresh != null, "could not get fd number " + number + " again");
        Recorder newHandler = new Recorder();
        loop.watch(number, READ, newHandler);
        assertEquals(1, kernel.targets().stream().filter(fd -> fd == number).count());
        assertEquals(0, loop.run(50, TimeUnit.MILLISECONDS));
        fds.write(fresh.writeFd(), 1);
        assertEquals(1, loop.run(RunMode.ONCE));
        assertEquals(READ, newHandler.last());
        assertEquals(1, oldHandler.count());
    }

    @Test
    void theServiceLoaderFindsTheProvider() {
        try (Loop l = Loop.open()) { // the only provider on this class path
            assertEquals("epoll", l.backend());
        }
    }
}
