package dev.jzx;

import dev.jzx.spi.BackendProvider;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Waits on a file descriptor from any thread: {@link #await} blocks the calling thread until the
 * fd is ready, {@link #whenReady} returns a future. A virtual thread parks in {@code await}
 * without holding its carrier, so any number of virtual threads may wait on descriptors that came
 * from native code (libpq's {@code PQsocket}, libcurl, inotify, eventfd, a serial device), which
 * the JDK's own poller never sees.
 *
 * <pre>{@code
 * Poller poller = Poller.shared();
 * while (PQconsumeInput(conn) && PQisBusy(conn)) {
 *     poller.await(PQsocket(conn), Io.READ);   // a virtual thread unmounts here
 * }
 * }</pre>
 *
 * <h2>Guarantees</h2>
 * Items P1-P7 of the project's contract, {@code docs/contract.md} in the source repository, which
 * names the tests that check each.
 * <ul>
 *   <li><b>Readiness.</b> A wait ends with the fd's readiness, a subset of its interest plus
 *       {@link Io#ERROR} and {@link Io#HANGUP}, once the fd is ready, at once if it already is
 *       (level-triggered, as {@link Loop}). A descriptor the kernel refuses (closed, not
 *       pollable) ends it with {@link Io#ERROR}: it never hangs. A regular file is always ready.</li>
 *   <li><b>One-shot.</b> Each call waits once. When {@code await} returns a readiness, or a
 *       future completes with one, the fd is no longer watched for that call.</li>
 *   <li><b>Many waiters.</b> Any number of threads may wait on one fd at once: a reader and a
 *       writer of one socket each get their own direction; all waiters of a direction wake when
 *       it is ready. Their waits share one watch of the fd with the union of their interests.</li>
 *   <li><b>Withdrawal.</b> An interrupt ends {@code await} with {@link InterruptedException}, a
 *       timeout with 0, completing the future from outside ({@code cancel}, {@code complete},
 *       {@code orTimeout}, ...) ends its wait: the wait is withdrawn, and the poller thread stops
 *       watching the fd for it before it next waits in the kernel. When readiness and withdrawal
 *       race, the readiness wins: {@code await} returns it and keeps the interrupt status set.</li>
 *   <li><b>No pinning.</b> {@code await} parks with {@link LockSupport}; nothing on the wait
 *       path holds a monitor, so a virtual thread unmounts from its carrier on every JDK.</li>
 *   <li><b>Your fds stay yours.</b> Nothing here closes a descriptor. Close an fd only when no
 *       wait on it is pending: the number might be reused while the poller still watches it.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * A poller has loop threads of its own (daemon threads), each running a {@link Loop}; an fd
 * belongs to thread {@code fd % threads}. A wait is queued to that thread without a lock and
 * armed in its next run, together with every other wait queued meanwhile (on io_uring: all in
 * one {@code io_uring_enter}). A future completes on the poller thread, and its dependants added
 * with the non-{@code Async} methods run there too: a dependant that blocks stalls every fd of
 * that thread, so blocking work belongs in the {@code ...Async} variants. {@code await} on a
 * poller thread (from such a dependant) throws instead of deadlocking.
 *
 * <p><b>Virtual threads</b> (JDK 22+, on a backend whose loop has a descriptor: epoll and
 * io_uring through FFM; Netty's adapters keep the poller threads) are served on the carriers,
 * as the JDK serves its own sockets: by {@value #SUB_POLLERS_PROPERTY} sub-pollers (default
 * {@code min(highestOneBit(cpus), 32)}; 0 turns them off), virtual threads with a loop each,
 * started by the first such wait. A waiting virtual thread arms its own wait before it parks (on
 * io_uring, submitting with it the arms queued meanwhile, in one system call); a sub-poller
 * reports readiness from a carrier, so the threads it wakes go to that carrier's queue; an idle
 * sub-poller parks on one platform thread blocked in the kernel on all their descriptors. That
 * thread also delivers readiness when CPU-bound virtual threads hold every carrier: one quantum
 * (10 ms) late at worst. Contract item P7.
 *
 * <h2>Costs</h2>
 * A wait allocates its own small record (and the future, for {@code whenReady}). Queuing,
 * arming and withdrawing a wait are O(1); a report walks the waits of its own fd only, never
 * the other fds watched.
 */
public final class Poller implements AutoCloseable {
    /** The number of loop threads of {@link #shared()} and {@link #open()}, default 1. */
    public static final String THREADS_PROPERTY = "jzx.poller.threads";
    /**
     * The number of sub-pollers that serve virtual threads on JDK 22+ (see "Virtual threads"
     * above); default {@code min(highestOneBit(cpus), 32)}, 0 turns them off.
     */
    public static final String SUB_POLLERS_PROPERTY = "jzx.poller.subPollers";
    /**
     * One thread, by measurement on 2 cores ({@code jzx jmh VThreadsBenchmark -p backend=io_uring
     * -p threads=100,4000 -p pollerThreads=1,2}, JDK 25): with 100 virtual threads one loop
     * thread took 6.9 µs per event against 8.3 with two, with 4,000 7.7 against 7.2. A second loop
     * thread competes with the carriers for the cores and gains nothing that pays for it; on more
     * cores, raise {@value #THREADS_PROPERTY}.
     */
    private static final int DEFAULT_THREADS = 1;

    private final String backend;
    private final PollerThread[] threads;
    /** The sub-pollers that serve virtual threads, or null where there are none. */
    private final VirtualLanes virtual;
    private final boolean shared;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Poller(String backend, PollerThread[] threads, VirtualLanes virtual, boolean shared) {
        this.backend = backend;
        this.threads = threads;
        this.virtual = virtual;
        this.shared = shared;
    }

    /**
     * The poller of this JVM, started on first use with {@value #THREADS_PROPERTY} threads (default
     * 1) on the backend {@link Loop#open()} chooses. It cannot be closed.
     *
     * @return the shared poller
     * @throws BackendUnavailableException if no backend can be opened (each call tries again)
     * @throws IllegalArgumentException    if {@value #THREADS_PROPERTY} is not a positive number, or
     *                                     {@value #SUB_POLLERS_PROPERTY} not a number {@code >= 0}
     */
    public static Poller shared() {
        Poller p = Shared.instance;
        if (p != null) {
            return p;
        }
        return Shared.start();
    }

    /**
     * Opens a poller with {@value #THREADS_PROPERTY} threads (default 1)
     * on the backend {@link Loop#open()} chooses.
     *
     * @return a new poller, owned by the caller
     * @throws BackendUnavailableException as {@link Loop#open()}
     * @throws IllegalArgumentException    if {@value #THREADS_PROPERTY} is not a positive number, or
     *                                     {@value #SUB_POLLERS_PROPERTY} not a number {@code >= 0}
     */
    public static Poller open() {
        return start(configuredThreads(), Loop::open, false);
    }

    /**
     * Opens a poller on exactly the named backend.
     *
     * @param backend a provider name such as {@code "io_uring"}, {@code "epoll"} or {@code "kqueue"}
     * @param threads loop threads, {@code >= 1}
     * @return a new poller, owned by the caller
     * @throws IllegalArgumentException    if {@code threads < 1}, or {@value #SUB_POLLERS_PROPERTY} is not a number {@code >= 0}
     * @throws BackendUnavailableException as {@link Loop#open(String)}
     */
    public static Poller open(String backend, int threads) {
        Objects.requireNonNull(backend, "backend is null");
        checkThreads(threads, "threads");
        return start(threads, () -> Loop.open(backend), false);
    }

    /**
     * Opens a poller on {@code provider}, installed or not, as {@link Loop#open(BackendProvider)}.
     *
     * @param provider the backend to open, once per thread
     * @param threads  loop threads, {@code >= 1}
     * @return a new poller, owned by the caller
     * @throws IllegalArgumentException if {@code threads < 1}, or {@value #SUB_POLLERS_PROPERTY} is not a number {@code >= 0}
     * @throws RuntimeException         what {@link BackendProvider#open()} threw
     */
    public static Poller open(BackendProvider provider, int threads) {
        Objects.requireNonNull(provider, "provider is null");
        checkThreads(threads, "threads");
        return start(threads, () -> Loop.open(provider), false);
    }

    /** {@return the backend's name: {@code "io_uring"}, {@code "epoll"}, {@code "kqueue"} or a third party's} */
    public String backend() {
        return backend;
    }

    /**
     * Blocks until {@code fd} is ready for something in {@code interest}, or reports an error or
     * hang-up.
     *
     * @param fd       a descriptor number, {@code >= 0}
     * @param interest {@link Io#READ}, {@link Io#WRITE} or both
     * @return the readiness: within {@code interest}, plus {@link Io#ERROR} and {@link Io#HANGUP}; never 0
     * @throws InterruptedException     if the thread was interrupted before or while waiting (the wait is withdrawn)
     * @throws IllegalArgumentException if {@code fd} or {@code interest} is out of range
     * @throws IllegalStateException    if the poller is or gets closed, or this is a poller thread
     * @throws java.io.UncheckedIOException if the kernel is out of a resource to watch the fd with
     */
    public int await(int fd, int interest) throws InterruptedException {
        return await(fd, interest, -1);
    }

    /**
     * As {@link #await(int, int)}, but gives up after {@code timeout}.
     *
     * @param fd       a descriptor number, {@code >= 0}
     * @param interest {@link Io#READ}, {@link Io#WRITE} or both
     * @param timeout  how long to wait at most; 0 or less returns 0 at once, having armed nothing
     * @param unit     the unit of {@code timeout}
     * @return the readiness, or 0 if the timeout passed first (the wait is withdrawn)
     * @throws InterruptedException     as {@link #await(int, int)}
     * @throws IllegalArgumentException as {@link #await(int, int)}
     * @throws IllegalStateException    as {@link #await(int, int)}
     */
    public int await(int fd, int interest, long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(unit, "unit is null");
        return await(fd, interest, timeout <= 0 ? 0 : Math.max(1, unit.toNanos(timeout)));
    }

    /** @param nanos negative: no limit; 0: none at all */
    private int await(int fd, int interest, long nanos) throws InterruptedException {
        PollerLane t = laneOf(fd, interest);
        if (t.isCurrent()) {
            throw new IllegalStateException("await(" + fd + ") on a poller thread would block every fd it serves;"
                    + " use whenReady, or a ...Async dependant");
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before waiting on fd " + fd);
        }
        if (nanos == 0) {
            checkOpen();
            return 0;
        }
        PollerWait w = PollerWait.parked(fd, interest);
        t.arrive(w);
        long deadline = nanos > 0 ? System.nanoTime() + nanos : 0;
        while (w.isPending()) {
            if (nanos < 0) {
                LockSupport.park(this);
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    if (t.withdraw(w)) {
                        return 0;
                    }
                    break;
                }
                LockSupport.parkNanos(this, left);
            }
            if (Thread.interrupted()) {
                if (t.withdraw(w)) {
                    throw new InterruptedException("interrupted while waiting on fd " + fd);
                }
                Thread.currentThread().interrupt(); // it ended meanwhile: the outcome wins, the status stays
                break;
            }
        }
        return outcome(w);
    }

    private static int outcome(PollerWait w) {
        if (w.get() == PollerWait.READY) {
            return w.readiness();
        }
        throw w.failure();
    }

    /**
     * A future completed, on the poller thread, with {@code fd}'s readiness (as
     * {@link #await(int, int)} returns it). Completing it from outside ({@code cancel},
     * {@code complete}, {@code orTimeout}, ...) withdraws the wait.
     *
     * @param fd       a descriptor number, {@code >= 0}
     * @param interest {@link Io#READ}, {@link Io#WRITE} or both
     * @return the future readiness; completed exceptionally with {@link IllegalStateException} if
     *         the poller closes first, or {@link java.io.UncheckedIOException} if the kernel is out
     *         of a resource to watch the fd with
     * @throws IllegalArgumentException if {@code fd} or {@code interest} is out of range
     * @throws IllegalStateException    if the poller is closed
     */
    public CompletableFuture<Integer> whenReady(int fd, int interest) {
        PollerThread t = threadOf(fd, interest);
        PollerFuture f = new PollerFuture(t);
        PollerWait w = PollerWait.forFuture(fd, interest, f);
        f.bind(w);
        t.arrive(w);
        return f;
    }

    /**
     * Closes the loop threads: threads waiting in {@code await} get {@link IllegalStateException},
     * pending futures complete exceptionally with it, later calls throw it. Returns once every
     * loop thread has ended (except when called on one of them, from a future's dependant).
     * Never closes a descriptor. Idempotent.
     *
     * @throws UnsupportedOperationException on {@link #shared()}, which lives as long as the JVM
     */
    @Override
    public void close() {
        if (shared) {
            throw new UnsupportedOperationException("the shared poller cannot be closed; open() one to own it");
        }
        if (closed.compareAndSet(false, true)) {
            if (virtual != null) {
                virtual.close();
            }
            for (PollerThread t : threads) {
                t.requestClose();
            }
        }
        for (PollerThread t : threads) {
            t.awaitEnd();
        }
    }

    @Override
    public String toString() {
        return "Poller[" + backend + ", " + threads.length + (threads.length == 1 ? " thread" : " threads")
                + (shared ? ", shared" : "") + (closed.get() ? ", closed]" : "]");
    }

    private PollerThread threadOf(int fd, int interest) {
        LoopRuntime.checkFd(fd);
        LoopRuntime.checkInterest(fd, interest);
        return threads[fd % threads.length];
    }

    /** The sub-poller of {@code fd} for a virtual thread where there is one, else its poller thread. */
    private PollerLane laneOf(int fd, int interest) {
        PollerThread t = threadOf(fd, interest);
        if (virtual != null && virtual.serves(Thread.currentThread())) {
            PollerLane lane = virtual.laneOf(fd);
            if (lane != null) {
                return lane;
            }
        }
        return t;
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the poller is closed");
        }
    }

    private static Poller start(int n, Supplier<Loop> open, boolean shared) {
        Loop[] loops = new Loop[n];
        try {
            for (int i = 0; i < n; i++) {
                loops[i] = open.get();
            }
        } catch (RuntimeException | Error e) {
            for (Loop l : loops) {
                if (l != null) {
                    l.close();
                }
            }
            throw e;
        }
        String backend = loops[0].backend();
        String name = "jzx-poller-" + backend + (shared ? "-shared-" : "-");
        PollerThread[] threads = new PollerThread[n];
        for (int i = 0; i < n; i++) {
            threads[i] = new PollerThread(loops[i], name + i);
        }
        VirtualLanes virtual;
        try {
            virtual = VirtualLanes.configured(open, name + "sub-");
        } catch (RuntimeException e) {
            for (Loop l : loops) {
                l.close();
            }
            throw e;
        }
        for (PollerThread t : threads) {
            t.start();
        }
        return new Poller(backend, threads, virtual, shared);
    }

    private static int configuredThreads() {
        String v = System.getProperty(THREADS_PROPERTY);
        if (v == null || v.isBlank()) {
            return DEFAULT_THREADS;
        }
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + THREADS_PROPERTY + " must be a positive number, was '" + v + "'");
        }
        checkThreads(n, "-D" + THREADS_PROPERTY);
        return n;
    }

    private static void checkThreads(int n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, was " + n);
        }
    }

    /** The shared poller, made by the first caller that succeeds. */
    private static final class Shared {
        static volatile Poller instance;
        private static final ReentrantLock LOCK = new ReentrantLock();

        static Poller start() {
            LOCK.lock(); // not synchronized: a virtual thread would pin its carrier on JDKs before 24
            try {
                if (instance == null) {
                    instance = Poller.start(configuredThreads(), Loop::open, true);
                }
                return instance;
            } finally {
                LOCK.unlock();
            }
        }
    }
}
