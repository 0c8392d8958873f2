package dev.jzx.iouring;

import dev.jzx.testsuite.RecordingSink;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * An {@link IoUringBackend} driven directly through the SPI, with real pipes: what the
 * io_uring-specific tests need to see the ring's requests and completions.
 */
final class BackendHarness implements AutoCloseable {
    static {
        // Loads Netty's native code (and with it unix-common's, which FileDescriptor needs).
        assertTrue(new IoUringBackendProvider().availability().isAvailable(),
                () -> "io_uring must be available on this machine: " + new IoUringBackendProvider().availability());
    }

    final IoUringBackend backend;
    final RecordingSink sink = new RecordingSink();
    private final List<FileDescriptor> open = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(65536);

    BackendHarness() {
        this(RingConfig.DEFAULT_SQ_ENTRIES, RingConfig.DEFAULT_CQ_ENTRIES, pollUpdateSupported());
    }

    BackendHarness(int sq, int cq, boolean updateInPlace) {
        this(sq, cq, updateInPlace, ring -> ring);
    }

    /** @param wrap stands between the backend and a ring of this JVM's adapter (to inject faults) */
    BackendHarness(int sq, int cq, boolean updateInPlace, UnaryOperator<Ring> wrap) {
        backend = new IoUringBackend(wrap.apply(IoUringBackendProvider.chosenAdapter().open(sq, cq)), cq, updateInPlace);
    }

    static boolean pollUpdateSupported() {
        return IoUringBackendProvider.pollUpdate();
    }

    /** @return {read end, write end} */
    FileDescriptor[] pipe() {
        try {
            FileDescriptor[] p = FileDescriptor.pipe();
            open.add(p[0]);
            open.add(p[1]);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(FileDescriptor fd, int bytes) {
        try {
            fd.write(buffer, 0, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void drain(FileDescriptor fd) {
        try {
            while (fd.read(buffer, 0, buffer.capacity()) > 0) {
                // keep reading
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void close(FileDescriptor fd) {
        try {
            fd.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void pollNoWait() {
        backend.poll(0, sink);
    }

    /** Polls with short waits until {@code done} holds (10 s at most). */
    void pollUntil(BooleanSupplier done, String what) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("still not " + what + "; " + backend);
            }
            backend.poll(10_000_000L, sink);
        }
    }

    /** Polls a few times with short waits: long enough for anything pending to arrive. */
    void settle() {
        for (int i = 0; i < 5; i++) {
            backend.poll(5_000_000L, sink);
        }
    }

    OpCounts counts() {
        return backend.counts;
    }

    @Override
    public void close() {
        backend.close();
        for (FileDescriptor fd : open) {
            try {
                fd.close();
            } catch (IOException ignored) {
                // already closed by the test
            }
        }
    }
}
