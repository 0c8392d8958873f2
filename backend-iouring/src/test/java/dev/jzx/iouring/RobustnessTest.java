package dev.jzx.iouring;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jzx.Io;
import dev.jzx.Loop;
import dev.jzx.RunMode;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import dev.jzx.testsuite.NettyNatives;
import org.junit.jupiter.api.Test;

/** io_uring faults: a submit that fails mid-queue, and an unwatched fd that must really be released. */
@org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
class RobustnessTest {

    /** one arm that fails to submit leaves nulls in the arm queue: every later poll throws NPE. */
    @Test
    void aFailedArmDoesNotWreckTheArmQueue() throws Exception {
        int[] refused = {-1};
        try (BackendHarness h = new BackendHarness(new RingConfig(64, 256, 256), BackendHarness.pollUpdateSupported(),
                ring -> new RefusingRing(ring, refused))) {
            FileDescriptor[] a = h.pipe();
            FileDescriptor[] b = h.pipe();
            h.backend.register(a[0].intValue(), Io.READ, 1);
            h.backend.register(b[0].intValue(), Io.READ, 2);
            // Stand-in for a queued arm that throws (e.g. io_uring_enter failing on a full submission queue):
            refused[0] = b[0].intValue();
            assertThrows(IllegalStateException.class, h::pollNoWait);
            h.write(a[1], 1);
            for (int i = 0; i < 3; i++) {
                try {
                    h.pollNoWait();
                } catch (NullPointerException e) {
                    fail("the arm queue is wrecked for good by one failed arm: " + e);
                } catch (IllegalStateException stillInvalid) {
                    // the stand-in keeps b's registration invalid; a transient failure would pass here
                }
            }
        }
    }

    /** A ring whose POLL_ADDs of one fd throw, as a failing submission would. */
    private static final class RefusingRing implements Ring {
        private final Ring ring;
        private final int[] refused;

        RefusingRing(Ring ring, int[] refused) {
            this.ring = ring;
            this.refused = refused;
        }

        @Override
        public long pollAdd(int fd, int events, boolean multishot, int generation) {
            if (fd == refused[0]) {
                throw new IllegalStateException("stand-in: the POLL_ADD of fd " + fd + " failed");
            }
            return ring.pollAdd(fd, events, multishot, generation);
        }

        @Override
        public int generationMask() {
            return ring.generationMask();
        }

        @Override
        public void enter() {
            ring.enter();
        }

        @Override
        public void leave() {
            ring.leave();
        }

        @Override
        public void pollRemove(int fd, long target, int generation) {
            ring.pollRemove(fd, target, generation);
        }

        @Override
        public void pollUpdate(int fd, long target, int events, int generation) {
            ring.pollUpdate(fd, target, events, generation);
        }

        @Override
        public void run(long timeoutNanos, RingCompletions completions) {
            ring.run(timeoutNanos, completions);
        }

        @Override
        public long enters() {
            return ring.enters();
        }

        @Override
        public void wakeup() {
            ring.wakeup();
        }

        @Override
        public void close() {
            ring.close();
        }
    }

    /** unwatch, then close, on an idle loop: the file is really closed (the armed poll no longer holds it). */
    @Test
    void aFileUnwatchedAndClosedIsReallyClosed() throws Exception {
        Loop loop = Loop.open("io_uring"); // loads the native code FileDescriptor.pipe needs
        NettyNatives.load();
        FileDescriptor[] p = FileDescriptor.pipe();
        try (loop) {
            loop.watch(p[0].intValue(), Io.READ, (fd, r) -> true);
            loop.run(RunMode.NO_WAIT);           // POLL_ADD is now in the kernel
            loop.unwatch(p[0].intValue());       // returns: "stops watching"
            p[0].close();                        // the user closes the only reader: the file goes now
            ByteBuffer buf = ByteBuffer.allocateDirect(1);
            try {
                p[1].write(buf, 0, 1);
                fail("write to a pipe whose only reader was closed succeeded: the ring still holds the read end");
            } catch (IOException expected) {
                // EPIPE
            }
        } finally {
            p[1].close();
        }
    }
}
