package dev.jzx.testsuite;

import static dev.jzx.Io.ERROR;
import static dev.jzx.Io.HANGUP;
import static dev.jzx.Io.READ;
import static dev.jzx.Io.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jzx.ReadyHandler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Contract item 11 ({@code docs/contract.md}): a backend reports what poll(2) with the same interest reports, no
 * more. The case that io_uring gets wrong unless it takes care: a socket whose peer shut its
 * writing side (POLLRDHUP pending), watched for WRITE alone while its send buffer is full.
 * poll(2) reports nothing; the loop must stay quiet and blocked in the kernel, not busy.
 *
 * <p>"Blocked" is measured without timing the loop's speed: a {@code run(200 ms)} must return
 * no call, no sooner than the timeout, and having used less than half of that in CPU time on
 * its thread (a busy loop, in {@code core} or inside the backend, burns the whole window).
 *
 * <p>Needs sockets and a poll(2) oracle ({@link Fds#hasSockets()}): real ones through
 * {@link NettyFds} and {@link PollOracle}; core's fake kernel models a stream socket's buffers,
 * half-close and poll(2) mask (where TCP and AF_UNIX are the same model).
 */
public abstract class HalfCloseSuite extends ConformanceBase {
    private static final long WINDOW_MILLIS = 200;

    protected HalfCloseSuite(BackendFixture fixture) {
        super(fixture);
    }

    @BeforeEach
    void needsSockets() {
        Assumptions.assumeTrue(fds.hasSockets(), fixture.name() + ": its Fds (" + fds.getClass().getSimpleName()
                + ") makes no sockets; contract item 11 is about sockets");
    }

    @ParameterizedTest
    @EnumSource(SocketKind.class)
    void writeOnlyOnAHalfClosedSocketStaysQuietUntilWritable(SocketKind kind) {
        SocketPair s = halfClosedWithFullSendBuffer(kind);
        Recorder r = new Recorder();
        loop.watch(s.a(), WRITE, r);
        assertRunBlocksQuietly(r, "WRITE alone on a " + kind + " socket whose peer shut its writing side");
        assertRunBlocksQuietly(r, "the same, a second run");
        drainPeerUntilReported(s, r);
        assertEquals(WRITE, r.last(), "once the peer drained, WRITE alone is due, got " + bits(r.last()));
    }

    @ParameterizedTest
    @EnumSource(SocketKind.class)
    void readAndWriteOnAHalfClosedSocketReportsReadHangupThenWaitsForWrite(SocketKind kind) {
        SocketPair s = halfClosedWithFullSendBuffer(kind);
        Recorder r = new Recorder(readiness -> (readiness & READ) == 0); // false for READ: WRITE is left
        loop.watch(s.a(), READ | WRITE, r);
        runUntil(() -> r.count() >= 1, "READ|HANGUP on a half-closed socket");
        assertEquals(READ | HANGUP, r.last(), "end of file and the peer's half-close, not writable yet; got "
                + bits(r.last()));
        assertRunBlocksQuietly(r, "after false for READ, WRITE alone on a " + kind + " half-closed socket");
        drainPeerUntilReported(s, r);
        assertEquals(WRITE, r.last(), "once the peer drained, WRITE alone is due, got " + bits(r.last()));
    }

    @Test
    void readOnlyOnAHalfClosedSocketReportsReadHangup() {
        SocketPair s = fds.socketPair(SocketKind.TCP_LOOPBACK);
        fds.shutdownOutput(s.b());
        Recorder r = new Recorder();
        loop.watch(s.a(), READ, r);
        runUntil(() -> r.count() >= 1, "READ|HANGUP on a half-closed socket watched for READ");
        assertEquals(READ | HANGUP, r.last(), "got " + bits(r.last()));
    }

    /**
     * Many duplex connections (TCP and AF_UNIX), each end writing its share then shutting its
     * writing side and reading until end of file, its interest following what is left to do:
     * the classic libuv-style half-close exchange. One end of each sends little and shuts early,
     * the other much, read a slice per call by its peer: so for long stretches a socket whose
     * peer has half-closed waits, WRITE alone, for room. Every handler call is checked against
     * poll(2) at that moment with the interest of that moment; at most 1 % may report more.
     */
    @Test
    void duplexExchangeReportsOnlyWhatPollWouldGive() {
        int connections = 32;
        int small = 1024;
        int large = 256 * 1024;
        List<Endpoint> ends = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            SocketPair s = fds.socketPair(i % 2 == 0 ? SocketKind.TCP_LOOPBACK : SocketKind.UNIX);
            Endpoint a = new Endpoint(s.a(), small);
            Endpoint b = new Endpoint(s.b(), large);
            a.expected = large;
            b.expected = small;
            ends.add(a);
            ends.add(b);
        }
        for (Endpoint e : ends) {
            loop.watch(e.fd, e.interest, e);
        }
        runUntil(() -> ends.stream().allMatch(e -> e.interest == 0), "every end has sent its share and read end of file");
        int calls = 0;
        int beyondPoll = 0;
        int hangupWithoutRead = 0;
        for (Endpoint e : ends) {
            calls += e.calls;
            beyondPoll += e.beyondPoll;
            hangupWithoutRead += e.hangupWithoutRead;
            assertEquals(e.expected, e.received, "fd " + e.fd + " did not receive its peer's share");
        }
        assertTrue(calls > 0);
        System.out.println("[jzx] " + fixture.name() + " duplex half-close exchange: " + calls + " handler calls, "
                + beyondPoll + " beyond poll(2)");
        assertTrue(beyondPoll * 100 <= calls, beyondPoll + " of " + calls + " handler calls reported readiness poll(2)"
                + " did not give at that moment (" + hangupWithoutRead + " of them HANGUP without READ interest);"
                + " at most 1 % may");
    }

    /** One end of a duplex connection: writes {@code toSend} bytes, shuts its side, reads to end of file. */
    private final class Endpoint implements ReadyHandler {
        final int fd;
        int toSend;
        int expected;
        int received;
        int interest = READ | WRITE;
        int calls;
        int beyondPoll;
        int hangupWithoutRead;

        Endpoint(int fd, int toSend) {
            this.fd = fd;
            this.toSend = toSend;
        }

        @Override
        public boolean onReady(int f, int readiness) {
            calls++;
            int truth = fds.poll(fd, interest, 0);
            if ((readiness & ~truth & (READ | WRITE | ERROR | HANGUP)) != 0) {
                beyondPoll++;
                if ((readiness & HANGUP) != 0 && (interest & READ) == 0) {
                    hangupWithoutRead++;
                }
            }
            int next = interest;
            if ((readiness & READ) != 0) {
                int n = fds.read(fd, 8192); // a slice per call: the peer's send buffer stays full a while
                if (n > 0) {
                    received += n;
                } else if (n < 0) {
                    next &= ~READ;
                }
            }
            if ((readiness & WRITE) != 0 && (interest & WRITE) != 0) {
                int n;
                while (toSend > 0 && (n = fds.write(fd, Math.min(toSend, 4096))) > 0) {
                    toSend -= n;
                }
                if (toSend == 0) {
                    fds.shutdownOutput(fd);
                    next &= ~WRITE;
                }
            }
            if (next != interest) {
                interest = next;
                if (next == 0) {
                    loop.unwatch(fd);
                } else {
                    loop.watch(fd, next, this);
                }
            }
            return true;
        }
    }

    /**
     * @return a connected pair whose {@code b} end has shut its writing side (seen by {@code a}
     *         as POLLRDHUP) and whose {@code a} end cannot be written (send buffer full)
     */
    private SocketPair halfClosedWithFullSendBuffer(SocketKind kind) {
        SocketPair s = fds.socketPair(kind);
        fds.shutdownOutput(s.b());
        int seen = fds.poll(s.a(), READ, PATIENCE.toMillis());
        assertEquals(READ | HANGUP, seen, "poll(2) on a " + kind + " socket whose peer shut its writing side");
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        do {
            if (System.nanoTime() > deadline) {
                fail("a " + kind + " socket whose peer reads nothing stayed writable for " + PATIENCE);
            }
            fds.fill(s.a());
        } while (fds.poll(s.a(), WRITE, 0) != 0);
        return s;
    }

    /** One {@code run(200 ms)}: no call, not before the timeout, and its thread mostly off the CPU. */
    private void assertRunBlocksQuietly(Recorder r, String what) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int before = r.count();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        int calls = loop.run(WINDOW_MILLIS, TimeUnit.MILLISECONDS);
        long wallMillis = (System.nanoTime() - t0) / 1_000_000;
        long cpuMillis = (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000;
        assertEquals(0, calls, what + ": poll(2) reports nothing, yet " + calls + " call(s), last " + bits(r.last()));
        assertEquals(before, r.count(), what + ": a handler call outside the run's count");
        assertTrue(wallMillis >= WINDOW_MILLIS * 3 / 4, what + ": run(" + WINDOW_MILLIS + " ms) returned after "
                + wallMillis + " ms with no call");
        assertTrue(cpuMillis < WINDOW_MILLIS / 2, what + ": run(" + WINDOW_MILLIS + " ms) used " + cpuMillis
                + " ms of CPU: a busy loop, not a wait in the kernel");
    }

    /** The peer reads everything it can between bounded runs until the watched end is reported. */
    private void drainPeerUntilReported(SocketPair s, Recorder r) {
        int before = r.count();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (r.count() == before) {
            if (System.nanoTime() > deadline) {
                fail("the peer drained for " + PATIENCE + " and still no report on fd " + s.a());
            }
            fds.drain(s.b());
            loop.run(50, TimeUnit.MILLISECONDS);
        }
    }
}
