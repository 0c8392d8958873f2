package dev.jzx.iouring;

import dev.jzx.internal.Errnos;
import dev.jzx.internal.Libc;
import dev.jzx.spi.Availability;
import dev.jzx.spi.KernelAdapter;
import dev.jzx.spi.PollBits;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * io_uring through this library's own ring ({@link FfmRing}, {@code java.lang.foreign}): the
 * adapter of JDK 22+. Loaded by name from {@link IoUringBackendProvider}, never named by code
 * compiled for older JDKs.
 *
 * <p>The probe sets up a ring and checks what the backend relies on: the kernel features
 * {@code IORING_FEAT_NODROP} (an overflowing completion queue loses nothing, Linux 5.5) and
 * {@code IORING_FEAT_EXT_ARG} (a wait's time limit in the call, 5.11); the opcodes POLL_ADD,
 * POLL_REMOVE and READ ({@code IORING_REGISTER_PROBE}); a POLL_ADD that completes, a POLL_REMOVE
 * that cancels one, and a multishot POLL_ADD (5.13) that completes with
 * {@code IORING_CQE_F_MORE}. Whether a pending poll's events can be updated in place is
 * recorded, and the backend falls back to remove + add without it.
 */
final class FfmRingAdapter implements RingAdapter {
    private static final int IORING_REGISTER_PROBE = 8;
    private static final int IO_URING_OP_SUPPORTED = 1;
    private static final int PROBE_OPS = 64;

    /** What the last probe found. */
    private volatile boolean pollUpdate;

    FfmRingAdapter() {
    }

    @Override
    public String name() {
        return KernelAdapter.FFM.label();
    }

    @Override
    public Availability probe() {
        try {
            pollUpdate = check();
            return Availability.available();
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable("io_uring cannot be used here: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean pollUpdate() {
        return pollUpdate;
    }

    @Override
    public Ring open(int sqEntries, int cqEntries) {
        return FfmRing.open(sqEntries, cqEntries);
    }

    /** @return whether poll update works; throws naming what is missing */
    private static boolean check() {
        int features;
        try (Arena arena = Arena.ofConfined()) {
            Libc.Errno errno = new Libc.Errno(arena);
            RingSetup setup = RingSetup.create(errno, arena, 8, 16);
            try {
                features = setup.features;
                requireOps(errno, arena, setup.fd);
            } finally {
                Libc.close(setup.fd);
            }
        }
        if ((features & RingSetup.IORING_FEAT_NODROP) == 0 || (features & RingSetup.IORING_FEAT_EXT_ARG) == 0) {
            throw new IllegalStateException("the kernel lacks IORING_FEAT_NODROP or IORING_FEAT_EXT_ARG (features 0x"
                    + Integer.toHexString(features) + "): the io_uring backend needs Linux 5.13+");
        }
        return checkPolls();
    }

    private static void requireOps(Libc.Errno errno, Arena arena, int ringFd) {
        MemorySegment probe = arena.allocate(16 + 8L * PROBE_OPS, 8);
        int r = UringCalls.register(errno, ringFd, IORING_REGISTER_PROBE, probe, PROBE_OPS);
        if (r < 0) {
            throw new IllegalStateException("IORING_REGISTER_PROBE failed with " + Errnos.name(-r)
                    + ": the io_uring backend needs Linux 5.13+");
        }
        int opsLen = probe.get(ValueLayout.JAVA_BYTE, 1) & 0xFF;
        for (int op : new int[] {Uring.IORING_OP_POLL_ADD, Uring.IORING_OP_POLL_REMOVE, 22}) {
            boolean supported = op < opsLen
                    && (probe.get(ValueLayout.JAVA_SHORT, 16 + 8L * op + 2) & IO_URING_OP_SUPPORTED) != 0;
            if (!supported) {
                throw new IllegalStateException("the kernel's io_uring lacks opcode " + op);
            }
        }
    }

    /** Plays the requests the backend makes against an eventfd; @return whether poll update works */
    private static boolean checkPolls() {
        FfmRing ring = FfmRing.open(8, 16);
        Arena arena = Arena.ofConfined();
        int efd = Libc.eventfd(new Libc.Errno(arena), Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
        try {
            if (efd < 0) {
                throw new IllegalStateException("eventfd failed with " + Errnos.name(-efd));
            }
            Results results = new Results();
            long poll = ring.pollAdd(efd, PollBits.POLLIN, false, 1);
            ring.pollUpdate(efd, poll, PollBits.POLLIN | PollBits.POLLRDHUP, 2);
            results.await(ring, 2, false);
            ring.pollRemove(efd, poll, 3);
            results.await(ring, 3, true);
            results.await(ring, 1, false);
            if (results.res[1] != -Errnos.ECANCELED) {
                throw new IllegalStateException("a removed POLL_ADD completed with " + results.res[1]
                        + " instead of -ECANCELED");
            }
            long multishot = ring.pollAdd(efd, PollBits.POLLOUT, true, 4);
            results.await(ring, 4, false);
            if ((results.flags[4] & Uring.IORING_CQE_F_MORE) == 0 || (results.res[4] & PollBits.POLLOUT) == 0) {
                throw new IllegalStateException("the kernel does not support multishot polls (IORING_POLL_ADD_MULTI,"
                        + " Linux 5.13+; one completed with res=" + results.res[4] + ", flags=" + results.flags[4]
                        + "), which the io_uring backend needs to wait for writability on a half-closed socket");
            }
            ring.pollRemove(efd, multishot, 5);
            results.await(ring, 5, true);
            return results.res[2] == 0;
        } finally {
            ring.close();
            if (efd >= 0) {
                Libc.close(efd);
            }
            arena.close();
        }
    }

    /** The last completion of each probe request, by generation (1..5). */
    private static final class Results implements RingCompletions {
        final int[] res = new int[6];
        final int[] flags = new int[6];
        final boolean[] seen = new boolean[6];

        @Override
        public void completed(int fd, boolean remove, int generation, int r, int f) {
            if (generation > 0 && generation < res.length) {
                res[generation] = r;
                flags[generation] = f;
                seen[generation] = true;
            }
        }

        void await(FfmRing ring, int generation, boolean remove) {
            for (int i = 0; i < 100 && !seen[generation]; i++) {
                ring.run(10_000_000L, this);
            }
            if (!seen[generation]) {
                throw new IllegalStateException("io_uring request " + generation + " did not complete within a second");
            }
        }
    }
}
