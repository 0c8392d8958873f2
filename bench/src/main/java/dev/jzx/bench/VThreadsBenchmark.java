package dev.jzx.bench;

import dev.jzx.Io;
import dev.jzx.Poller;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Level;

/**
 * {@code threads} virtual threads ({@code kind=platform}: platform threads) ping-pong a byte in
 * pairs over two pipes per pair. With a
 * backend, the pipes are raw non-blocking fds: a thread reads until EAGAIN, then parks in
 * {@link Poller#await}. With {@code backend=jdk}, the same program blocks on
 * {@link java.nio.channels.Pipe} channels, so the JDK's own poller parks it. An operation is
 * one event (a byte read); each invocation starts the threads afresh and runs {@value #EVENTS}
 * events, whatever the number of threads.
 */
@State(Scope.Benchmark)
@OperationsPerInvocation(VThreadsBenchmark.EVENTS)
public class VThreadsBenchmark extends JmhDefaults {
    static final int EVENTS = 40_000;
    static final String JDK = "jdk";
    static final String VIRTUAL = "virtual";
    static final String PLATFORM = "platform";
    private static final MethodHandle START_VIRTUAL = findStartVirtual();

    @Param({"io_uring", "epoll", JDK})
    public String backend;

    @Param({"100"})
    public int threads;

    /** {@value #VIRTUAL} or {@value #PLATFORM} threads. */
    @Param({VIRTUAL})
    public String kind;

    /** The poller's loop threads. */
    @Param({"1"})
    public int pollerThreads;

    private Poller poller;
    private final List<NativePipe> nativePipes = new ArrayList<>();
    private final List<Pipe> jdkPipes = new ArrayList<>();
    private int rounds;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (!kind.equals(VIRTUAL) && !kind.equals(PLATFORM)) {
            throw new IllegalArgumentException("kind must be " + VIRTUAL + " or " + PLATFORM + ", was " + kind);
        }
        if (START_VIRTUAL == null && kind.equals(VIRTUAL)) {
            throw new UnsupportedOperationException("virtual threads need JDK 21 or later; this is JDK "
                    + Runtime.version().feature());
        }
        if (threads < 2 || threads % 2 != 0 || EVENTS % threads != 0) {
            throw new IllegalArgumentException("threads must be even and divide " + EVENTS + ", was " + threads);
        }
        rounds = EVENTS / threads;
        if (!backend.equals(JDK)) {
            poller = Poller.open(backend, pollerThreads);
        }
        for (int i = 0; i < threads; i++) { // two pipes per pair: one each way
            if (poller != null) {
                nativePipes.add(NativePipe.open());
            } else {
                jdkPipes.add(Pipe.open());
            }
        }
    }

    @Benchmark
    public void pingPong() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(threads);
        for (int pair = 0; pair < threads / 2; pair++) {
            Runnable ping;
            Runnable pong;
            if (poller != null) {
                NativePipe there = nativePipes.get(2 * pair);
                NativePipe back = nativePipes.get(2 * pair + 1);
                ping = () -> bounce(there.write, back.read, true);
                pong = () -> bounce(back.write, there.read, false);
            } else {
                Pipe there = jdkPipes.get(2 * pair);
                Pipe back = jdkPipes.get(2 * pair + 1);
                ping = () -> bounce(there.sink(), back.source(), true);
                pong = () -> bounce(back.sink(), there.source(), false);
            }
            startThread(ping, done);
            startThread(pong, done);
        }
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(done.getCount() + " of " + threads + " virtual threads stuck");
        }
    }

    /** {@link #rounds} times: write a byte to {@code out}, read one from {@code in}; the pinger writes first. */
    private void bounce(int out, int in, boolean first) {
        for (int i = 0; i < rounds; i++) {
            if (first) {
                NativePipe.writeByte(out);
            }
            while (NativePipe.readByte(in) == 0) { // EAGAIN: park until readable
                try {
                    poller.await(in, Io.READ);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (!first) {
                NativePipe.writeByte(out);
            }
        }
    }

    private void bounce(Pipe.SinkChannel out, Pipe.SourceChannel in, boolean first) {
        ByteBuffer b = ByteBuffer.allocate(1);
        try {
            for (int i = 0; i < rounds; i++) {
                if (first) {
                    out.write(b.clear());
                }
                in.read(b.clear()); // blocks: the JDK's poller parks the virtual thread
                if (!first) {
                    out.write(b.clear());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (poller != null) {
            poller.close();
        }
        nativePipes.forEach(NativePipe::close);
        nativePipes.clear();
        for (Pipe p : jdkPipes) {
            p.sink().close();
            p.source().close();
        }
        jdkPipes.clear();
    }

    private void startThread(Runnable task, CountDownLatch done) {
        Runnable counted = () -> {
            try {
                task.run();
            } finally {
                done.countDown();
            }
        };
        if (kind.equals(PLATFORM)) {
            new Thread(counted, "jzx-bench-pingpong").start();
            return;
        }
        try {
            START_VIRTUAL.invoke(counted);
        } catch (Throwable e) {
            throw new IllegalStateException("could not start a virtual thread", e);
        }
    }

    /** {@code Thread.startVirtualThread}, looked up: this module is compiled for Java 17. */
    private static MethodHandle findStartVirtual() {
        try {
            return MethodHandles.publicLookup().findStatic(Thread.class, "startVirtualThread",
                    MethodType.methodType(Thread.class, Runnable.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    /** @return whether this JDK has virtual threads */
    static boolean available() {
        return START_VIRTUAL != null;
    }
}
