package dev.jzx.iouring.netty;

import dev.jzx.spi.PollBits;
import dev.jzx.spi.Availability;
import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoEvent;
import io.netty.channel.uring.IoUringIoHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one-time check that io_uring works here, the way this backend uses it: Netty's native
 * transport loads, a ring can be set up, enabled and entered from a thread other than the one
 * that enabled it, a POLL_ADD completes, a multishot POLL_ADD ({@code IORING_POLL_ADD_MULTI},
 * Linux 5.13+: the wait until writable of a half-closed socket, see {@code IoUringBackend})
 * completes with {@code IORING_CQE_F_MORE}, and whether a POLL_REMOVE with
 * {@code IORING_POLL_UPDATE_EVENTS} is accepted (Linux 5.13+).
 */
final class RingProbe {
    private static final System.Logger LOG = System.getLogger("dev.jzx");
    final Availability availability;
    final boolean pollUpdate;

    private RingProbe(Availability availability, boolean pollUpdate) {
        this.availability = availability;
        this.pollUpdate = pollUpdate;
    }

    static RingProbe run() {
        try {
            if (!IoUring.isAvailable()) {
                Throwable cause = IoUring.unavailabilityCause();
                return unavailable("Netty's io_uring transport is unavailable" + sysctlHint(), cause);
            }
        } catch (Throwable t) { // LinkageError: the native library or its classes
            return unavailable("Netty's io_uring transport failed to load" + sysctlHint(), t);
        }
        List<String> mismatches = NettyCoupling.mismatches();
        if (!mismatches.isEmpty()) {
            return couplingBroken(mismatches);
        }
        try {
            return new RingProbe(Availability.available(), probeRing());
        } catch (CouplingBroken e) {
            return couplingBroken(List.of(e.getMessage()));
        } catch (Throwable t) {
            return unavailable("an io_uring ring could not be set up and used" + sysctlHint(), t);
        }
    }

    /**
     * Unavailable because Netty's internals differ from what this backend relies on: logged at
     * WARNING (a build or deployment mistake, not a property of the machine as the other causes).
     */
    static RingProbe couplingBroken(List<String> mismatches) {
        String reason = NettyCoupling.describe(mismatches);
        LOG.log(System.Logger.Level.WARNING, "io_uring backend unavailable: " + reason);
        return unavailable(reason, null);
    }

    /** The user-data encoding found on a real submission is not the one relied on. */
    private static final class CouplingBroken extends Exception {
        private static final long serialVersionUID = 1L;

        CouplingBroken(String message) {
            super(message, null, false, false);
        }
    }

    /** Netty is missing or not 4.2: unavailable with {@code reason}, nothing loaded. */
    static RingProbe unusable(String reason) {
        return unavailable(reason, null);
    }

    private static RingProbe unavailable(String reason, Throwable cause) {
        return new RingProbe(Availability.unavailable(reason, cause), false);
    }

    /** @return whether poll update works; throws if the ring cannot be used at all */
    private static boolean probeRing() throws IOException, CouplingBroken {
        NettyRing ring = new NettyRing(16, 16);
        FileDescriptor[] pipe = FileDescriptor.pipe();
        ring.enter();
        try {
            Results results = new Results();
            IoRegistration reg = ring.register(results);
            long pollId = reg.submit(NettyPollOps.pollAdd(pipe[0].intValue(), PollBits.POLLIN, false, 1));
            if (!NettyCoupling.userDataMatches(pollId, NettyPollOps.IORING_OP_POLL_ADD, 1)) {
                throw new CouplingBroken("a submission's user_data is 0x" + Long.toHexString(pollId)
                        + ", not registration << 32 | opcode << 16 | data");
            }
            reg.submit(NettyPollOps.pollUpdateEvents(pollId, PollBits.POLLIN | PollBits.POLLRDHUP, 2));
            awaitResult(ring, results, 2);
            reg.submit(NettyPollOps.pollRemove(pollId, 3));
            awaitResult(ring, results, 3);
            awaitResult(ring, results, 1);
            if (results.res[1] != -NettyPollOps.ECANCELED) {
                throw new IllegalStateException("a removed POLL_ADD completed with " + results.res[1]
                        + " instead of -ECANCELED");
            }
            long multishotId = reg.submit(NettyPollOps.pollAdd(pipe[1].intValue(), PollBits.POLLOUT, true, 4));
            awaitResult(ring, results, 4);
            boolean multishot = (results.flags[4] & NettyPollOps.IORING_CQE_F_MORE) != 0
                    && (results.res[4] & PollBits.POLLOUT) != 0;
            if (multishot) {
                results.seen[4] = false;
                reg.submit(NettyPollOps.pollRemove(multishotId, 5));
                awaitResult(ring, results, 5);
                awaitResult(ring, results, 4); // its last completion, -ECANCELED
            }
            if (!multishot) {
                throw new IllegalStateException("the kernel does not support multishot polls (IORING_POLL_ADD_MULTI,"
                        + " Linux 5.13+; a multishot POLL_ADD completed with res=" + results.res[4] + ", flags="
                        + results.flags[4] + "), which the io_uring backend needs to wait for writability on a"
                        + " half-closed socket without a busy loop");
            }
            reg.cancel();
            return results.res[2] == 0;
        } finally {
            try {
                ring.destroy();
            } finally {
                ring.leave();
                pipe[0].close();
                pipe[1].close();
            }
        }
    }

    private static void awaitResult(NettyRing ring, Results results, int data) {
        for (int i = 0; i < 100 && !results.seen[data]; i++) {
            ring.run(10_000_000L);
        }
        if (!results.seen[data]) {
            throw new IllegalStateException("io_uring request " + data + " did not complete within a second");
        }
    }

    private static String sysctlHint() {
        try {
            String v = Files.readString(Path.of("/proc/sys/kernel/io_uring_disabled")).trim();
            return "0".equals(v) ? "" : " (kernel.io_uring_disabled=" + v + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Records the results of the probe's requests by their data (1..5), the last completion of each. */
    private static final class Results implements IoUringIoHandle {
        final int[] res = new int[6];
        final int[] flags = new int[6];
        final boolean[] seen = new boolean[6];

        @Override
        public void handle(IoRegistration registration, IoEvent ioEvent) {
            IoUringIoEvent e = (IoUringIoEvent) ioEvent;
            int data = (int) e.userData();
            if (data > 0 && data < res.length) {
                res[data] = e.res();
                flags[data] = e.flags();
                seen[data] = true;
            }
        }

        @Override
        public void close() {
            // nothing armed by the time the ring closes
        }
    }
}
