package dev.jzx.iouring;

import dev.jzx.testsuite.NettyNatives;
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
        NettyNatives.load(); // the pipes are Netty's FileDescriptors
        assertTrue(new IoUringBackendProvider().availability().isAvailable(),
                () -> "io_uring must be available on this machine: " + new IoUringBackendProvider().availability());
    }

    final IoUringBackend backend;
    final RecordingSink sink = new RecordingSink();
    private final List<FileDescriptor> open = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(65536);

    /** A backend as the provider opens it: this JVM's adapter, the configured sizes. */
    BackendHarness() {
        this(RingConfig.fromSystemProperties(adapter().name()), pollUpdateSupported(), ring -> ring);
    }

    /** A backend on rings of exactly these sizes, never grown. */
    BackendHarness(int sq, int cq, boolean updateInPlace) {
        this(new RingConfig(sq, cq, cq), updateInPlace, ring -> ring);
    }

    /** @param wrap stands between the backend and every ring of this JVM's adapter (to inject faults) */
    BackendHarness(RingConfig config, boolean updateInPlace, UnaryOperator<Ring> wrap) {
        RingAdapter adapter = adapter();
        RingAdapter wrapped = new RingAdapter() {
            @Override
            public String name() {
                return adapter.name();
            }

            @Override
            public dev.jzx.spi.Availability probe() {
                return adapter.probe();
            }

            @Override
            public boolean pollUpdate() {
                return adapter.pollUpdate();
            }

            @Override
            public Ring open(int sqEntries, int cqEntries) {
                return wrap.apply(adapter.open(sqEntries, cqEntries));
            }
        };
        backend = new IoUringBackend(wrapped, config, updateInPlace);
    }

    static RingAdapter adapter() {
        return IoUringBackendProvider.chosenAdapter();
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
