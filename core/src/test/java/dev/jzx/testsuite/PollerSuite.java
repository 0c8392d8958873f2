package dev.jzx.testsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jzx.Io;
import dev.jzx.Poller;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Poller} on one backend: P1–P7 of {@code docs/contract.md}. Whether a wait is armed is read from the
 * backend (what the loop registered), and "the poller thread has applied everything handed to
 * it so far" is a wait on an always-readable sentinel ({@link #sync()}): no timing is involved.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class PollerSuite {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final BackendFixture fixture;
    private Poller poller;
    /** The poller's loops, observed: its thread's and, once started, its sub-pollers'. */
    private BackendFixture.ObservedPoller backend;
    private Fds fds;
    private Pipe sentinel;

    protected PollerSuite(BackendFixture fixture) {
        this.fixture = fixture;
    }

    @BeforeEach
    void openPoller() {
        fixture.requireAvailable();
        fds = fixture.newFds();
        backend = fixture.openPoller(1);
        poller = backend.poller();
    }

    @AfterEach
    void closePoller() {
        if (poller != null) {
            poller.close();
        }
        if (fds != null) {
            fds.close();
        }
    }

    // P1: readiness, at once if ready already, nothing armed after the return, refusals are ERROR

    @Test
    void awaitReturnsAtOnceWhenTheFdIsReady() throws Exception {
        Pipe p = pipeWithData();
        assertEquals(Io.READ, poller.await(p.readFd(), Io.READ));
        assertEquals(Io.WRITE, poller.await(p.writeFd(), Io.WRITE));
        assertEquals(0, backend.registeredInterest(p.readFd()), "still watched after await returned");
        assertEquals(0, backend.registeredInterest(p.writeFd()), "still watched after await returned");
    }

    @Test
    void awaitBlocksUntilTheFdBecomesReady() throws Exception {
        Pipe p = fds.pipe();
        AtomicInteger got = new AtomicInteger(-1);
        AtomicInteger watchedAtReturn = new AtomicInteger(-1);
        Thread t = start(() -> {
            got.set(poller.await(p.readFd(), Io.READ));
            watchedAtReturn.set(backend.registeredInterest(p.readFd()));
        });
        awaitRegistered(p.readFd(), Io.READ);
        assertEquals(-1, got.get(), "await returned before the pipe had data");
        fds.write(p.writeFd(), 1);
        join(t);
        assertEquals(Io.READ, got.get());
        assertEquals(0, watchedAtReturn.get(), "the fd was still watched when await returned");
    }

    @Test
    void aClosedFdReturnsError() throws Exception {
        Pipe p = fds.pipe();
        fds.close(p.readFd());
        assertEquals(Io.ERROR, poller.await(p.readFd(), Io.READ));
        assertEquals(Io.ERROR, poller.whenReady(p.readFd(), Io.READ).get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void aPipeWhoseWriterClosedReportsHangup() throws Exception {
        Pipe p = fds.pipe();
        fds.close(p.writeFd());
        int r = poller.await(p.readFd(), Io.READ);
        assertTrue((r & Io.HANGUP) != 0, "expected HANGUP, got " + Io.toString(r));
        assertEquals(0, r & ~(Io.READ | Io.HANGUP | Io.ERROR), "outside READ|HANGUP|ERROR: " + Io.toString(r));
    }

    @Test
    void aRegularFileIsReadyAtOnce() throws Exception {
        int file = fds.regularFile();
        assertEquals(Io.READ | Io.WRITE, poller.await(file, Io.READ | Io.WRITE));
    }

    @Test
    void readinessStaysWithinInterest() throws Exception {
        Pipe p = pipeWithData();
        fds.close(p.writeFd()); // READ|HANGUP now; a WRITE-less interest must not see WRITE
        int r = poller.await(p.readFd(), Io.READ);
        assertEquals(0, r & Io.WRITE, Io.toString(r));
        assertTrue((r & Io.READ) != 0, Io.toString(r));
    }

    // P2: several waiters on one fd

    @Test
    void twoWaitersOfOneDirectionBothWake() throws Exception {
        Pipe p = fds.pipe();
        CompletableFuture<Integer> a = poller.whenReady(p.readFd(), Io.READ);
        CompletableFuture<Integer> b = poller.whenReady(p.readFd(), Io.READ);
        awaitRegistered(p.readFd(), Io.READ);
        fds.write(p.writeFd(), 1);
        assertEquals(Io.READ, get(a));
        assertEquals(Io.READ, get(b));
        assertEquals(0, backend.registeredInterest(p.readFd()));
    }

    @Test
    void aThousandWaitersOnOneFdShareOneWatch() throws Exception {
        Pipe p = fds.pipe();
        List<CompletableFuture<Integer>> waits = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            waits.add(poller.whenReady(p.readFd(), Io.READ));
        }
        awaitRegistered(p.readFd(), Io.READ);
        fds.write(p.writeFd(), 1);
        for (CompletableFuture<Integer> w : waits) {
            assertEquals(Io.READ, get(w));
        }
    }

    @Test
    void aReaderAndAWriterOfOneSocketEachGetTheirDirection() throws Exception {
        assumeTrue(fds.hasSockets(), "needs sockets");
        SocketPair s = fds.socketPair(SocketKind.UNIX);
        fds.fill(s.a());
        CompletableFuture<Integer> reader = poller.whenReady(s.a(), Io.READ);
        CompletableFuture<Integer> writer = poller.whenReady(s.a(), Io.WRITE);
        awaitRegistered(s.a(), Io.READ | Io.WRITE); // one watch, the union of both
        fds.write(s.b(), 1);
        assertEquals(Io.READ, get(reader));
        awaitRegistered(s.a(), Io.WRITE); // narrowed to what is still awaited
        assertFalse(writer.isDone(), "the writer woke while the socket could not be written");
        fds.drain(s.b());
        assertEquals(Io.WRITE, get(writer));
        awaitRegistered(s.a(), 0);
    }

    // P3: interrupt, timeout and cancel withdraw the wait

    @Test
    void anInterruptThrowsAndWithdrawsTheWait() throws Exception {
        Pipe p = fds.pipe();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = start(() -> {
            try {
                poller.await(p.readFd(), Io.READ);
            } catch (InterruptedException e) {
                thrown.set(e);
            }
        });
        awaitRegistered(p.readFd(), Io.READ);
        t.interrupt();
        join(t);
        assertInstanceOf(InterruptedException.class, thrown.get());
        sync();
        assertEquals(0, backend.registeredInterest(p.readFd()), "still watched for a withdrawn wait");
    }

    @Test
    void anInterruptBeforeTheCallThrowsAtOnce() throws Exception {
        Pipe p = pipeWithData();
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> poller.await(p.readFd(), Io.READ));
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt status stayed set");
    }

    @Test
    void aTimeoutReturnsZeroAndWithdrawsTheWait() throws Exception {
        Pipe p = fds.pipe();
        assertEquals(0, poller.await(p.readFd(), Io.READ, 20, TimeUnit.MILLISECONDS));
        sync();
        assertEquals(0, backend.registeredInterest(p.readFd()), "still watched for a timed-out wait");
        assertEquals(0, poller.await(p.readFd(), Io.READ, 0, TimeUnit.SECONDS));
        fds.write(p.writeFd(), 1);
        assertEquals(Io.READ, poller.await(p.readFd(), Io.READ, PATIENCE.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void cancellingTheFutureWithdrawsItsWaitOnly() throws Exception {
        Pipe p = fds.pipe();
        CompletableFuture<Integer> cancelled = poller.whenReady(p.readFd(), Io.READ);
        CompletableFuture<Integer> kept = poller.whenReady(p.readFd(), Io.READ);
        awaitRegistered(p.readFd(), Io.READ);
        assertTrue(cancelled.cancel(false));
        sync();
        assertEquals(Io.READ, backend.registeredInterest(p.readFd()), "the other wait lost its watch");
        fds.write(p.writeFd(), 1);
        assertEquals(Io.READ, get(kept));
        assertTrue(cancelled.isCancelled());
        awaitRegistered(p.readFd(), 0);
    }

    @Test
    void orTimeoutWithdrawsTheWait() throws Exception {
        Pipe p = fds.pipe();
        CompletableFuture<Integer> f = poller.whenReady(p.readFd(), Io.READ).orTimeout(20, TimeUnit.MILLISECONDS);
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(f));
        assertInstanceOf(TimeoutException.class, e.getCause());
        sync();
        assertEquals(0, backend.registeredInterest(p.readFd()), "still watched for a timed-out future");
    }

    // P4: virtual threads park without pinning

    @Test
    void tenThousandVirtualThreadsWaitAtOnceAndCarriersKeepWorking() throws Exception {
        VirtualThreads.require();
        int pipes = 500;
        int perPipe = 20;
        int n = pipes * perPipe;
        List<Pipe> ps = new ArrayList<>();
        for (int i = 0; i < pipes; i++) {
            ps.add(fds.pipe());
        }
        CountDownLatch started = new CountDownLatch(n);
        CountDownLatch done = new CountDownLatch(n);
        AtomicReferenceArray<Object> results = new AtomicReferenceArray<>(n);
        for (int i = 0; i < n; i++) {
            int id = i;
            int fd = ps.get(i % pipes).readFd();
            VirtualThreads.start(() -> {
                started.countDown();
                try {
                    results.set(id, poller.await(fd, Io.READ));
                } catch (Throwable e) {
                    results.set(id, e);
                }
                done.countDown();
            });
        }
        // A waiter holding its carrier would leave the others unstarted: two carriers, 10,000 waits.
        assertTrue(started.await(PATIENCE.toSeconds(), TimeUnit.SECONDS),
                started.getCount() + " virtual threads never started: waiting ones hold the carriers");
        for (Pipe p : ps) {
            awaitRegistered(p.readFd(), Io.READ);
        }
        CountDownLatch ran = new CountDownLatch(1);
        VirtualThreads.start(ran::countDown);
        assertTrue(ran.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "a new virtual thread never ran");
        assertEquals(n, done.getCount(), "a wait ended before its pipe had data");
        for (Pipe p : ps) {
            fds.write(p.writeFd(), 1);
        }
        assertTrue(done.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), done.getCount() + " waits never ended");
        for (int i = 0; i < n; i++) {
            assertEquals(Io.READ, results.get(i), "wait " + i);
        }
    }

    @Test
    void aVirtualThreadTimesOutAndIsInterrupted() throws Exception {
        VirtualThreads.require();
        Pipe p = fds.pipe();
        AtomicReference<Object> timedOut = new AtomicReference<>();
        AtomicReference<Object> interrupted = new AtomicReference<>();
        Thread a = VirtualThreads.start(() -> timedOut.set(call(() -> poller.await(p.readFd(), Io.READ, 20, TimeUnit.MILLISECONDS))));
        join(a);
        assertEquals(0, timedOut.get());
        Thread b = VirtualThreads.start(() -> interrupted.set(call(() -> poller.await(p.readFd(), Io.READ))));
        awaitRegistered(p.readFd(), Io.READ);
        b.interrupt();
        join(b);
        assertInstanceOf(InterruptedException.class, interrupted.get());
    }

    // P7: virtual threads wait through sub-pollers on the carriers

    @Test
    void aVirtualThreadWaitsOnASubPollerWhereTheBackendHasADescriptor() throws Exception {
        VirtualThreads.require();
        Pipe p = fds.pipe();
        AtomicReference<Object> result = new AtomicReference<>();
        Thread waiter = VirtualThreads.start(() -> result.set(call(() -> poller.await(p.readFd(), Io.READ))));
        awaitRegistered(p.readFd(), Io.READ);
        ObservedBackend threadLoop = backend.backends().get(0);
        boolean subPollers = Runtime.version().feature() >= 22 && threadLoop.descriptor() >= 0;
        assertEquals(subPollers ? 0 : Io.READ, threadLoop.registeredInterest(p.readFd()),
                subPollers ? "armed on the poller thread's loop, not a sub-poller's" : "not armed on the poller thread's loop");
        fds.write(p.writeFd(), 1);
        join(waiter);
        assertEquals(Io.READ, result.get());
        assertEquals(0, backend.registeredInterest(p.readFd()), "still watched after await returned");
    }

    @Test
    void aVirtualThreadGetsErrorForAClosedFdAndAtOnceForAReadyOrRegularOne() throws Exception {
        VirtualThreads.require();
        Pipe ready = pipeWithData();
        int file = fds.regularFile();
        // Many closed fds, one after another: some wait finds its sub-poller parked, and the
        // refusal must reach it all the same (a timeout would say it did not).
        int[] closed = new int[100];
        for (int i = 0; i < closed.length; i++) {
            Pipe p = fds.pipe();
            fds.close(p.writeFd());
            closed[i] = p.readFd();
        }
        AtomicReference<Object> errors = new AtomicReference<>();
        AtomicReference<Object> readable = new AtomicReference<>();
        AtomicReference<Object> regular = new AtomicReference<>();
        join(VirtualThreads.start(() -> {
            // First: the first wait starts the sub-pollers, whose descriptors would take closed numbers.
            readable.set(call(() -> poller.await(ready.readFd(), Io.READ)));
            regular.set(call(() -> poller.await(file, Io.READ | Io.WRITE)));
            for (int fd : closed) {
                fds.close(fd);
            }
            List<Object> got = new ArrayList<>();
            for (int fd : closed) {
                got.add(call(() -> poller.await(fd, Io.READ, 5, TimeUnit.SECONDS)));
            }
            errors.set(got);
        }), Duration.ofSeconds(30));
        assertEquals(java.util.Collections.nCopies(closed.length, Io.ERROR), errors.get(), "closed fds");
        assertEquals(Io.READ, readable.get(), "a pipe with data");
        assertEquals(Io.READ | Io.WRITE, regular.get(), "a regular file");
        assertEquals(0, backend.registeredInterest(ready.readFd()), "still watched after await returned");
    }

    @Test
    void readinessReachesAVirtualThreadWhileMoreThreadsSpinThanThereAreCarriers() throws Exception {
        VirtualThreads.require();
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
        Pipe p = fds.pipe();
        AtomicReference<Object> result = new AtomicReference<>();
        Thread waiter = VirtualThreads.start(() -> result.set(call(() -> poller.await(p.readFd(), Io.READ))));
        awaitRegistered(p.readFd(), Io.READ);
        awaitState(waiter, Thread.State.WAITING);
        // CPU-bound threads that never park or yield hold every carrier until the waiter is made
        // runnable (unparked), which here only a thread outside the carriers can do.
        CountDownLatch spinning = new CountDownLatch(carriers);
        AtomicInteger gaveUp = new AtomicInteger();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        for (int i = 0; i <= carriers; i++) {
            VirtualThreads.start(() -> {
                spinning.countDown();
                while (waiter.getState() == Thread.State.WAITING) {
                    if (System.nanoTime() - deadline > 0) {
                        gaveUp.incrementAndGet();
                        return;
                    }
                    Thread.onSpinWait();
                }
            });
        }
        assertTrue(spinning.await(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the spinning threads never took the carriers");
        fds.write(p.writeFd(), 1);
        join(waiter);
        assertEquals(Io.READ, result.get());
        assertEquals(0, gaveUp.get(), "the waiter was unparked only after the spinning threads gave up");
    }

    @Test
    void interruptingThePollersOwnThreadsLosesNoWait() throws Exception {
        VirtualThreads.require();
        Pipe first = pipeWithData();
        join(VirtualThreads.start(() -> call(() -> poller.await(first.readFd(), Io.READ)))); // sub-pollers started
        int interrupted = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("jzx-poller-")) {
                t.interrupt();
                interrupted++;
            }
        }
        assertTrue(interrupted > 0, "no poller thread found to interrupt");
        Pipe p = fds.pipe();
        AtomicReference<Object> virtual = new AtomicReference<>();
        Thread waiter = VirtualThreads.start(() -> virtual.set(call(() -> poller.await(p.readFd(), Io.READ))));
        awaitRegistered(p.readFd(), Io.READ);
        fds.write(p.writeFd(), 1);
        join(waiter);
        assertEquals(Io.READ, virtual.get(), "a virtual thread's wait");
        assertEquals(Io.READ, poller.await(p.readFd(), Io.READ), "a platform thread's wait");
    }

    @Test
    void closeFailsAVirtualThreadsWaitAndLeavesTheFdOpen() throws Exception {
        VirtualThreads.require();
        Pipe p = fds.pipe();
        AtomicReference<Object> result = new AtomicReference<>();
        Thread waiter = VirtualThreads.start(() -> result.set(call(() -> poller.await(p.readFd(), Io.READ))));
        awaitRegistered(p.readFd(), Io.READ);
        poller.close();
        join(waiter);
        assertInstanceOf(IllegalStateException.class, result.get());
        assertEquals(1, fds.write(p.writeFd(), 1), "the pipe was closed with the poller");
        Thread late = VirtualThreads.start(() -> result.set(call(() -> poller.await(p.readFd(), Io.READ))));
        join(late);
        assertInstanceOf(IllegalStateException.class, result.get(), "a wait after close");
    }

    // P5: futures complete on a poller thread

    @Test
    void aFutureCompletesOnAPollerThreadWhereAwaitThrows() throws Exception {
        Pipe p = fds.pipe();
        Pipe other = pipeWithData();
        CompletableFuture<String> seen = poller.whenReady(p.readFd(), Io.READ).thenApply(r -> {
            String name = Thread.currentThread().getName();
            try {
                poller.await(other.readFd(), Io.READ);
                return name + ": await returned";
            } catch (IllegalStateException e) {
                return name + ": await threw";
            } catch (InterruptedException e) {
                return name + ": interrupted";
            }
        });
        awaitRegistered(p.readFd(), Io.READ); // pending: the dependant is attached before completion
        fds.write(p.writeFd(), 1);
        String s = seen.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertTrue(s.startsWith("jzx-poller-"), s);
        assertTrue(s.endsWith("await threw"), s);
    }

    // P6: close

    @Test
    void closeFailsWaitersAndFuturesAndLeavesFdsOpen() throws Exception {
        Pipe p = fds.pipe();
        Pipe q = fds.pipe();
        AtomicReference<Object> waiter = new AtomicReference<>();
        Thread t = start(() -> waiter.set(call(() -> poller.await(p.readFd(), Io.READ))));
        CompletableFuture<Integer> f = poller.whenReady(q.readFd(), Io.READ);
        awaitRegistered(p.readFd(), Io.READ);
        awaitRegistered(q.readFd(), Io.READ);
        poller.close();
        join(t);
        assertInstanceOf(IllegalStateException.class, waiter.get());
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertThrows(IllegalStateException.class, () -> poller.await(p.readFd(), Io.READ));
        assertThrows(IllegalStateException.class, () -> poller.whenReady(p.readFd(), Io.READ));
        poller.close(); // idempotent
        assertEquals(1, fds.write(p.writeFd(), 1), "the poller closed a user's fd");
        assertEquals(1, fds.read(p.readFd(), 1), "the poller closed a user's fd");
    }

    @Test
    void closeFromAFuturesDependantEndsThePoller() throws Exception {
        Pipe p = fds.pipe();
        CompletableFuture<Integer> f = poller.whenReady(p.readFd(), Io.READ);
        CompletableFuture<Void> closed = f.thenRun(poller::close);
        awaitRegistered(p.readFd(), Io.READ);
        fds.write(p.writeFd(), 1);
        closed.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        poller.close(); // waits for the thread to end
        assertThrows(IllegalStateException.class, () -> poller.whenReady(p.readFd(), Io.READ));
    }

    // Bad input and threads

    @Test
    void badArgumentsThrowAndArmNothing() throws Exception {
        Pipe p = fds.pipe();
        assertThrows(IllegalArgumentException.class, () -> poller.await(-1, Io.READ));
        assertThrows(IllegalArgumentException.class, () -> poller.await(p.readFd(), 0));
        assertThrows(IllegalArgumentException.class, () -> poller.await(p.readFd(), Io.ERROR));
        assertThrows(IllegalArgumentException.class, () -> poller.whenReady(p.readFd(), Io.READ | Io.HANGUP));
        assertThrows(IllegalArgumentException.class, () -> poller.whenReady(Integer.MAX_VALUE, Io.READ));
        assertThrows(NullPointerException.class, () -> poller.await(p.readFd(), Io.READ, 1, null));
        sync();
        assertEquals(0, backend.registeredInterest(p.readFd()));
    }

    @Test
    void fdsAreSpreadOverThreads() throws Exception {
        poller.close();
        BackendFixture.ObservedPoller three = fixture.openPoller(3);
        poller = three.poller();
        List<Pipe> ps = new ArrayList<>();
        List<CompletableFuture<Integer>> waits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Pipe p = fds.pipe();
            ps.add(p);
            waits.add(poller.whenReady(p.readFd(), Io.READ));
        }
        for (Pipe p : ps) {
            ObservedBackend owner = three.backends().get(p.readFd() % 3);
            assertTrue(owner.awaitRegistered(p.readFd(), Io.READ, PATIENCE), "fd " + p.readFd() + " not on thread " + p.readFd() % 3);
        }
        for (Pipe p : ps) {
            fds.write(p.writeFd(), 1);
        }
        for (CompletableFuture<Integer> w : waits) {
            assertEquals(Io.READ, get(w));
        }
    }

    // helpers

    private Pipe pipeWithData() {
        Pipe p = fds.pipe();
        assertEquals(1, fds.write(p.writeFd(), 1));
        return p;
    }

    /** Returns once the poller thread has applied every wait and withdrawal handed to it before the call. */
    private void sync() throws Exception {
        if (sentinel == null) {
            sentinel = pipeWithData();
        }
        assertEquals(Io.READ, get(poller.whenReady(sentinel.readFd(), Io.READ)));
    }

    private void awaitRegistered(int fd, int interest) throws InterruptedException {
        if (!backend.awaitRegistered(fd, interest, PATIENCE)) {
            fail("after " + PATIENCE.toSeconds() + " s fd " + fd + " is registered with " + Io.toString(backend.registeredInterest(fd))
                    + ", not " + Io.toString(interest));
        }
    }

    /** Spins (no sleep) until {@code t} is in {@code state}, for a state no hook reports. */
    private static void awaitState(Thread t, Thread.State state) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (t.getState() != state) {
            if (System.nanoTime() - deadline > 0) {
                fail(t + " is " + t.getState() + ", not " + state + ", after " + PATIENCE.toSeconds() + " s");
            }
            Thread.onSpinWait();
        }
    }

    private static int get(CompletableFuture<Integer> f) throws Exception {
        return f.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    private interface Call {
        Object run() throws Exception;
    }

    /** @return what {@code c} returned or threw */
    private static Object call(Call c) {
        try {
            return c.run();
        } catch (Exception e) {
            return e;
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private static Thread start(Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "jzx-test-waiter");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void join(Thread t) throws InterruptedException {
        join(t, PATIENCE);
    }

    private static void join(Thread t, Duration patience) throws InterruptedException {
        t.join(patience.toMillis());
        if (t.isAlive()) {
            fail(t + " still running after " + patience.toSeconds() + " s");
        }
    }
}
