package dev.jzx.iouring;

import static dev.jzx.Io.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.testsuite.NettyFds;
import dev.jzx.testsuite.SocketKind;
import dev.jzx.testsuite.SocketPair;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The wait until writable of a half-closed socket watched for WRITE alone (see
 * {@link IoUringBackend}): which requests reach the kernel, and that their accounting closes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@EnabledOnOs(value = OS.LINUX, disabledReason = "io_uring exists on Linux only")
class HalfClosedWaitTest {

    /** A socket pair whose {@code b} shut its writing side and whose {@code a} cannot be written. */
    private static SocketPair halfClosedFull(NettyFds fds) {
        SocketPair s = fds.socketPair(SocketKind.UNIX);
        fds.shutdownOutput(s.b());
        do {
            fds.fill(s.a());
        } while (fds.poll(s.a(), WRITE, 0) != 0);
        return s;
    }

    @Test
    void oneOneShotThenOneMultishotThenNothingUntilWritable() {
        try (BackendHarness h = new BackendHarness(); NettyFds fds = new NettyFds()) {
            SocketPair s = halfClosedFull(fds);
            h.backend.register(s.a(), WRITE, 1);
            h.pollUntil(() -> h.backend.watchOf(s.a()).state == Arming.ARMED_UNTIL_WRITABLE,
                    "the one-shot poll's RDHUP-only completion switched to the multishot wait");
            h.settle();
            assertEquals(0, h.sink.count(), "nothing poll(2) would report");
            assertEquals(1, h.counts().pollAdds, h.backend.toString());
            assertEquals(1, h.counts().multishotPollAdds, h.backend.toString());
            assertTrue(h.counts().currentCompletions <= 3, "the one-shot's, the multishot's arm-time one, at most a"
                    + " stray wake-up; " + h.backend);
            assertEquals(Arming.ARMED_UNTIL_WRITABLE, h.backend.watchOf(s.a()).state);

            fds.drain(s.b());
            h.pollUntil(() -> h.sink.count() >= 1, "WRITE once the peer drained");
            assertEquals(WRITE, h.sink.reports.get(0).readiness());
            assertEquals(1, h.counts().pollRemoves, "the multishot is cancelled once it reported; " + h.backend);
            h.pollUntil(() -> h.counts().pollAdds == 2, "back to a one-shot poll");
            assertTrue(h.sink.count() >= 2, "level-triggered: still writable, reported again");
        }
    }

    @Test
    void unwatchCancelsTheMultishotAndItsAccountingCloses() {
        try (BackendHarness h = new BackendHarness(); NettyFds fds = new NettyFds()) {
            SocketPair s = halfClosedFull(fds);
            h.backend.register(s.a(), WRITE, 1);
            h.pollUntil(() -> h.backend.watchOf(s.a()).state == Arming.ARMED_UNTIL_WRITABLE, "the multishot wait");
            h.backend.deregister(s.a());
            h.pollUntil(() -> h.backend.watchOf(s.a()).isQuiescent(), "the multishot's -ECANCELED (no F_MORE) came in");
            assertEquals(1, h.counts().cancelRemoved, h.backend.toString());
            assertEquals(0, h.sink.count());
        }
    }

    @Test
    void closingTheBackendWithAMultishotArmedReturns() {
        NettyFds fds = new NettyFds();
        try (fds) {
            BackendHarness h = new BackendHarness();
            SocketPair s = halfClosedFull(fds);
            h.backend.register(s.a(), WRITE, 1);
            h.pollUntil(() -> h.backend.watchOf(s.a()).state == Arming.ARMED_UNTIL_WRITABLE, "the multishot wait");
            h.close();
        }
    }
}
