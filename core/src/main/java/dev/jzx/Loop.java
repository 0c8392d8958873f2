package dev.jzx;

import dev.jzx.spi.Backends;
import java.util.concurrent.TimeUnit;

/**
 * An event loop that watches file descriptors for readiness and calls a {@link ReadyHandler}
 * on the thread that runs it.
 *
 * <h2>Guarantees</h2>
 * Each is an item of the project's contract, {@code docs/contract.md} in the source repository,
 * which numbers them (1-12, timers T1-T7) and names the tests that check each.
 * <ul>
 *   <li><b>Level-triggered.</b> Like poll(2): an fd that is ready is reported on the next
 *       {@link #run}, and again on every run for as long as it stays ready and its handler
 *       returns {@code true}. Unread data is never "consumed" by a report.</li>
 *   <li><b>Readiness within interest.</b> A handler sees only the directions it asked for,
 *       plus {@link Io#ERROR} and {@link Io#HANGUP}: what poll(2) with the same interest
 *       reports, no more. {@link Io#HANGUP} comes where poll(2) gives POLLHUP, or, with READ in
 *       the interest, when a socket's peer shut its writing side (POLLRDHUP). A socket whose peer
 *       half-closed, watched for WRITE alone, stays quiet (the loop blocked in the kernel) until
 *       it can be written.</li>
 *   <li><b>No callback after unwatch.</b> Once {@link #unwatch} (or a {@link #watch} that
 *       replaces the handler) has returned on the thread running the loop, the old handler is
 *       never called again for that fd, not even for an event the kernel had already produced
 *       in the batch being dispatched.</li>
 *   <li><b>The file the number names now.</b> {@link #watch} arms against the file the number
 *       refers to at the time of the call. If an fd was closed and its number reused, nothing
 *       of the old file is delivered after the new watch.</li>
 *   <li><b>Refusals are events.</b> An fd the kernel refuses (closed, not pollable) is
 *       reported once with {@link Io#ERROR} and unwatched; other fds are unaffected. A regular
 *       file is always ready for read and write, on every backend.</li>
 *   <li><b>Coalesced wake-ups.</b> Any number of {@link #wakeup()} calls before a run make it
 *       return once; a wakeup while one is already pending costs no system call.</li>
 *   <li><b>Timers.</b> A task given to {@link #schedule} runs once, on the thread inside
 *       {@link #run}, no earlier than its delay (monotonic clock); a run never blocks past the
 *       earliest pending timer; due tasks run in deadline order, equal deadlines in schedule
 *       order; {@link Timer#cancel()} returns {@code true} only when it kept the task from
 *       running. How late after its deadline a task runs is not guaranteed.</li>
 *   <li><b>Your fds stay yours.</b> Neither {@link #unwatch} nor {@link #close} closes a
 *       descriptor; close it yourself, after unwatching it.</li>
 * </ul>
 *
 * <h2>Not guaranteed</h2>
 * <ul>
 *   <li>Spurious readiness: a report may find nothing to read or no room to write (another
 *       reader won, or the backend re-polled). Use non-blocking fds and stop at
 *       {@code EAGAIN}. It is rare.</li>
 *   <li>Whether READ and WRITE of one fd come in one handler call or in two.</li>
 *   <li>The order in which different fds are reported within one run.</li>
 *   <li>Which {@link Io#ERROR}/{@link Io#HANGUP} combination a backend reports for the same
 *       condition beyond what poll(2) documents for that kind of file.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * {@link #run} belongs to one thread at a time; a concurrent or re-entrant call throws
 * {@link IllegalStateException}. {@link #watch}, {@link #unwatch}, {@link #wakeup},
 * {@link #schedule}, {@link Timer#cancel()} and {@link #close} may be called from any thread. Called on the running thread (from a handler),
 * or while no run is in progress, they take effect before they return. Called from another
 * thread while a run is in progress, they are queued, wake the loop, and take effect before
 * that run dispatches its next batch: until then the old handler may still be called, so
 * close an fd only after its unwatch took effect on the loop thread. The queue is bounded: a
 * thread that finds 1024 calls queued and not yet applied waits until the loop has caught up
 * (so a handler must not block on a thread that is calling {@code watch} or {@code unwatch}).
 * Timers scheduled or cancelled from another thread during a run are handed to it without a
 * lock and without that bound (the handle is the queue entry); they take effect when the run
 * next looks, and {@code schedule} wakes the run only if the new timer is due before the run
 * would otherwise wake.
 *
 * <h2>Interrupts and signals</h2>
 * {@link Thread#interrupt()} of the thread inside {@link #run} does not end the run: it keeps
 * waiting (without spinning) for an event, a {@link #wakeup()} or a {@link #close()}, and the
 * interrupt status stays set for the caller to see. A signal that interrupts the kernel wait
 * ({@code EINTR}) is invisible: no exception, the run keeps waiting. Use {@link #wakeup()} to
 * make a run return.
 *
 * <h2>Choosing a backend</h2>
 * {@link #open()} uses {@code -Djzx.backend=NAME} when set (and fails if that backend cannot
 * be opened: no fallback), else the first available backend in the order given by
 * {@code -Djzx.backend.preference=a,b,...} followed by the default order io_uring, epoll,
 * kqueue. Backends are {@link java.util.ServiceLoader} providers of
 * {@link dev.jzx.spi.BackendProvider}.
 */
public interface Loop extends AutoCloseable {

    /**
     * Opens a loop on the backend chosen by flag, preference and availability.
     *
     * @return a new loop, owned by the caller
     * @throws BackendUnavailableException if {@code jzx.backend} names a backend that is
     *                                     unknown or unavailable, or no backend is available
     */
    static Loop open() {
        return new LoopRuntime(Backends.open());
    }

    /**
     * Opens a loop on exactly the named backend.
     *
     * @param backend a provider name such as {@code "io_uring"}, {@code "epoll"} or {@code "kqueue"}
     * @return a new loop, owned by the caller
     * @throws BackendUnavailableException naming the backend, the cause and the available backends
     */
    static Loop open(String backend) {
        return new LoopRuntime(Backends.open(backend));
    }

    /**
     * Opens a loop on {@code provider}, installed or not: for a backend that is not on the
     * service-loader path, or one a caller decorates (a test observing its waits). Nothing is
     * probed first and nothing is logged; the provider's own exception says why it cannot open.
     *
     * @param provider the backend to open
     * @return a new loop, owned by the caller
     * @throws NullPointerException if {@code provider} is null
     * @throws RuntimeException     what {@link dev.jzx.spi.BackendProvider#open()} threw
     */
    static Loop open(dev.jzx.spi.BackendProvider provider) {
        java.util.Objects.requireNonNull(provider, "provider is null");
        return new LoopRuntime(new Backends.Opened(provider.name(), provider.open()));
    }

    /** {@return the backend's name: {@code "io_uring"}, {@code "epoll"}, {@code "kqueue"} or a third party's} */
    String backend();

    /**
     * Watches {@code fd}, or replaces the interest and handler of a watch it already has.
     *
     * <p>Either way the fd is armed against the file its number names now. A refused fd is not
     * an exception: it is reported once with {@link Io#ERROR} on the next run, then unwatched.
     *
     * @param fd       a descriptor number, {@code >= 0}
     * @param interest {@link Io#READ}, {@link Io#WRITE} or both; nothing else
     * @param handler  called on the loop thread when the fd is ready
     * @throws IllegalArgumentException if {@code fd < 0} or {@code interest} is 0 or has other bits
     * @throws NullPointerException     if {@code handler} is null
     * @throws IllegalStateException    if the loop is closed
     * @throws java.io.UncheckedIOException if the kernel is out of a resource (memory, watch limit);
     *                                  the previous watch of the fd, if any, is unchanged
     */
    void watch(int fd, int interest, ReadyHandler handler);

    /**
     * Stops watching {@code fd}; does nothing if it is not watched. Does not close it.
     *
     * @param fd a descriptor number, {@code >= 0}
     * @throws IllegalArgumentException if {@code fd < 0}
     * @throws IllegalStateException    if the loop is closed
     */
    void unwatch(int fd);

    /**
     * Delivers readiness to handlers.
     *
     * @param mode {@link RunMode#NO_WAIT} to deliver what is ready now, {@link RunMode#ONCE} to
     *             block until at least one handler call, a timer task run, or a {@link #wakeup()}
     * @return the number of handler calls made plus timer tasks run (0 after a wakeup or with
     *         nothing ready or due)
     * @throws IllegalStateException if the loop is closed, or another run is in progress
     *                               (on another thread, or re-entrantly from a handler)
     * @throws RuntimeException      whatever a handler or timer task threw (see {@link ReadyHandler})
     */
    int run(RunMode mode);

    /**
     * As {@link RunMode#ONCE}, but returns 0 once {@code timeout} has passed.
     *
     * @param timeout how long to block at most; 0 behaves as {@link RunMode#NO_WAIT}
     * @param unit    the unit of {@code timeout}
     * @return the number of handler calls made plus timer tasks run
     * @throws IllegalArgumentException if {@code timeout < 0}
     * @throws IllegalStateException    as {@link #run(RunMode)}
     */
    int run(long timeout, TimeUnit unit);

    /**
     * Runs {@code task} once, on the thread inside {@link #run}, no earlier than {@code delay}
     * after this call (measured on the monotonic clock, {@link System#nanoTime()}). Any thread.
     *
     * <p>A run never blocks past the earliest pending timer: {@link RunMode#ONCE} (and
     * {@link #run(long, TimeUnit)}) waits at most until it is due, runs every task due by then,
     * after the handlers of that run, and returns. {@link RunMode#NO_WAIT} runs the tasks that are
     * due already. Tasks run in deadline order, equal deadlines in the order they were scheduled.
     * How late a task runs after its deadline is not guaranteed: it runs in the first run that
     * looks after it is due (a task blocking the loop delays it; a loop nobody runs never runs it).
     *
     * <p>A task may call {@code schedule} (also to schedule itself again) and
     * {@link Timer#cancel()}; a task it cancels does not run, even when due in the same run. A
     * task that throws is consumed: the exception comes out of that {@code run}, as a handler's
     * does, and the other due tasks run in the next run. Called from another thread while a run
     * blocks, {@code schedule} wakes that run only when the new task is due before the run
     * would otherwise wake. {@link #close()} drops every pending task unrun.
     *
     * <p>Schedule and cancel cost O(log n) in the timers pending; a run touches only the timers
     * that are due. Delays beyond about 73 years are shortened to that.
     *
     * @param delay how long to wait at least, {@code >= 0}; 0 runs it in the next run
     * @param unit  the unit of {@code delay}
     * @param task  what to run
     * @return a handle to cancel the task with
     * @throws IllegalArgumentException if {@code delay < 0}
     * @throws NullPointerException     if {@code unit} or {@code task} is null
     * @throws IllegalStateException    if the loop is closed
     */
    Timer schedule(long delay, TimeUnit unit, Runnable task);

    /**
     * Makes the run in progress, or else the next one, return promptly. Any thread; coalesced;
     * a no-op on a closed loop.
     */
    void wakeup();

    /**
     * Cancels every watch and frees the backend's native resources; leaves every watched fd
     * open. Idempotent. Called from a handler, it takes effect when the run in progress
     * returns (no further handler is called). Called from another thread while a run blocks,
     * it wakes that run, waits for it to return, then closes.
     */
    @Override
    void close();
}
