package dev.jzx.internal;

import dev.jzx.Io;
import dev.jzx.Loop;
import dev.jzx.ReadyHandler;
import dev.jzx.RunMode;
import dev.jzx.Timer;
import dev.jzx.spi.Backend;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@link Loop} every backend shares: argument checks, who may touch the {@link Registry}
 * when, the cross-thread command queue, wake-ups, and the run loop.
 *
 * <p>Ownership is one atomic state. {@code run} takes it for the whole run; a
 * {@code watch}/{@code unwatch} from a thread with no run in progress takes it for the
 * duration of the change, so single-threaded use costs one CAS per call and no queue. Only a
 * call from a foreign thread while a run is in progress goes through the queue, which is
 * always drained before anything else is applied, so changes keep the order they were made in.
 */
public final class LoopRuntime implements Loop {
    private static final int FREE = 0;
    private static final int RUNNING = 1;
    private static final int MUTATING = 2;
    private static final int CLOSED = 3;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(LoopRuntime.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final Backend backend;
    private final Registry registry;
    private final WakeGate wake;
    private final ReadyBatch batch = new ReadyBatch();
    private final TimerQueue timers = new TimerQueue();
    private final ConcurrentLinkedQueue<Command> commands = new ConcurrentLinkedQueue<>();
    /** Commands added to {@link #commands}, counted just before each add. */
    private final AtomicLong queued = new AtomicLong();
    /** Commands taken from {@link #commands}; written only by the owner of the loop. */
    private volatile long drained;
    /**
     * How many calls other threads may have queued and not yet seen applied before the next one
     * waits for the loop (back-pressure): without a bound, threads calling faster than the loop
     * applies (on epoll each call is an {@code epoll_ctl}) would grow the queue without end.
     */
    static final int MAX_QUEUED = 1024;

    @SuppressWarnings("unused") // through STATE
    private volatile int state = FREE;
    /** The thread inside {@link #run}, or null. Written only by that thread. */
    private volatile Thread runner;
    private volatile boolean closing;
    /** JFR: whether this run measures its backend waits, and what it measured. Loop thread only. */
    private boolean timed;
    private int waits;
    private long blockedNanos;

    /**
     * @param name          the backend's name
     * @param backend       the kernel adapter, owned from now on
     * @param inPlaceChange whether the backend changes interest without re-arming
     */
    public LoopRuntime(String name, Backend backend, boolean inPlaceChange) {
        this.name = name;
        this.backend = backend;
        this.registry = new Registry(backend, inPlaceChange);
        this.wake = new WakeGate(backend);
    }

    @Override
    public String backend() {
        return name;
    }

    @Override
    public void watch(int fd, int interest, ReadyHandler handler) {
        checkFd(fd);
        if (interest == 0 || (interest & ~Io.INTEREST_MASK) != 0) {
            throw new IllegalArgumentException("interest must be Io.READ, Io.WRITE or both, was "
                    + interest + " (" + Io.toString(interest) + ") for fd " + fd);
        }
        Objects.requireNonNull(handler, () -> "handler is null for fd " + fd);
        apply(fd, interest, handler, "watch");
    }

    @Override
    public void unwatch(int fd) {
        checkFd(fd);
        apply(fd, 0, null, "unwatch");
    }

    private void apply(int fd, int interest, ReadyHandler handler, String call) {
        if (closing) {
            throw closed(call + "(" + fd + ")");
        }
        if (runner == Thread.currentThread()) {
            drainCommands(); // earlier queued changes first: changes keep their order
            applyNow(fd, interest, handler); // from a handler: the loop thread already owns it
            return;
        }
        while (true) {
            int s = state;
            if (s == FREE && STATE.compareAndSet(this, FREE, MUTATING)) {
                try {
                    drainCommands();
                    applyNow(fd, interest, handler);
                } finally {
                    state = FREE;
                }
                return;
            } else if (s == RUNNING) {
                if (queued.get() - drained >= MAX_QUEUED) {
                    wake.request(WakeGate.COMMANDS);
                    LockSupport.parkNanos(20_000); // the loop is behind: let it apply, then look again
                    continue;
                }
                queued.incrementAndGet(); // before the add: a queued command is always counted
                commands.add(handler == null ? Command.unwatch(fd) : new Command(fd, interest, handler));
                wake.request(WakeGate.COMMANDS);
                return;
            } else if (s == CLOSED) {
                throw closed(call + "(" + fd + ")");
            }
            Thread.onSpinWait(); // another thread is applying a change: microseconds
        }
    }

    // ---- timers hook 1 of 4: schedule and cancel, on the same ownership path as watch/unwatch ----

    @Override
    public Timer schedule(long delay, TimeUnit unit, Runnable task) {
        if (unit == null) { // not requireNonNull with a message supplier: that lambda would be allocated per call
            throw new NullPointerException("unit is null (delay " + delay + ")");
        }
        if (task == null) {
            throw new NullPointerException("task is null (delay " + delay + " " + unit + ")");
        }
        if (delay < 0) {
            throw new IllegalArgumentException("delay must be >= 0, was " + delay + " " + unit);
        }
        if (closing) {
            throw closed("schedule(" + delay + " " + unit + ")");
        }
        TimerHandle h = timers.newTimer(this, unit.toNanos(delay), task, false);
        if (runner == Thread.currentThread()) { // from a handler or task
            h.setState(TimerHandle.IN_HEAP);
            timers.add(h);
            return h;
        }
        while (true) {
            int s = state;
            if (s == FREE && STATE.compareAndSet(this, FREE, MUTATING)) {
                try {
                    timers.takeHandedOver();
                    h.setState(TimerHandle.IN_HEAP);
                    timers.add(h);
                } finally {
                    state = FREE;
                }
                return h;
            } else if (s == RUNNING) {
                if (timers.handOver(h)) { // only when due before the run would wake (T5)
                    wake.request(WakeGate.COMMANDS);
                }
                return h;
            } else if (s == CLOSED) {
                throw closed("schedule(" + delay + " " + unit + ")");
            }
            Thread.onSpinWait(); // another thread is applying a change: microseconds
        }
    }

    /** Takes a timer that {@link TimerHandle#cancel()} has just cancelled out of the heap; any thread. */
    void removeTimer(TimerHandle h) {
        if (runner == Thread.currentThread()) { // from a task: a later task of this run must not run
            timers.remove(h);
            return;
        }
        while (true) {
            int s = state;
            if (s == FREE && STATE.compareAndSet(this, FREE, MUTATING)) {
                try {
                    timers.remove(h);
                } finally {
                    state = FREE;
                }
                return;
            } else if (s == RUNNING) {
                timers.handOver(h); // no wake-up: the run finds it cancelled at worst
                return;
            } else if (s == CLOSED) {
                return; // dropped with the loop
            }
            Thread.onSpinWait();
        }
    }

    // ---- end of timers hook 1 ----

    private void applyNow(int fd, int interest, ReadyHandler handler) {
        if (handler == null) {
            registry.unwatch(fd);
        } else {
            registry.watch(fd, interest, handler);
        }
    }

    /**
     * Applies the commands queued before this call, not those queued while it works: threads that
     * keep calling could otherwise keep a run in here for as long as they call. A later one waits
     * for the next drain (before the next dispatch, or at the next run's start).
     * Every command is counted before it is added, so whatever was queued by a call that returned
     * before the count was read is ahead of the limit in the queue's order.
     */
    private void drainCommands() {
        long target = queued.get();
        Command c;
        while (drained < target && (c = commands.poll()) != null) {
            drained++;
            try {
                applyNow(c.fd(), c.interest(), c.handler());
            } catch (RuntimeException e) {
                // The caller has long returned and cannot get the exception: its handler gets
                // ERROR once instead, as for an fd the kernel refused.
                System.getLogger("dev.jzx").log(System.Logger.Level.WARNING,
                        "queued " + (c.isUnwatch() ? "unwatch" : "watch") + " of fd " + c.fd() + " failed", e);
                if (!c.isUnwatch()) {
                    registry.watchRefused(c.fd(), c.interest(), c.handler());
                }
            }
        }
    }

    @Override
    public int run(RunMode mode) {
        Objects.requireNonNull(mode, "mode is null");
        return run(mode == RunMode.NO_WAIT ? 0 : -1);
    }

    @Override
    public int run(long timeout, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit is null");
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout must be >= 0, was " + timeout + " " + unit);
        }
        return run(Math.max(0, unit.toNanos(timeout)));
    }

    /** @param timeoutNanos 0: no wait; negative: no limit */
    private int run(long timeoutNanos) {
        acquireRun();
        runner = Thread.currentThread();
        try {
            return Jfr.runEnabled() ? runRecorded(timeoutNanos) : runOwned(timeoutNanos);
        } finally {
            endRun();
        }
    }

    /** As {@link #runOwned}, inside a {@code dev.jzx.Run} JFR event; only while a recording enables it. */
    private int runRecorded(long timeoutNanos) {
        RunEvent event = Jfr.beginRun(name, timeoutNanos);
        int changesBefore = registry.changes;
        waits = 0;
        blockedNanos = 0;
        timed = true;
        int calls = 0;
        boolean threw = true;
        try {
            calls = runOwned(timeoutNanos);
            threw = false;
            return calls;
        } finally {
            timed = false;
            Jfr.commitRun(event, calls, registry.changes - changesBefore, waits, blockedNanos, threw);
        }
    }

    private void endRun() {
        runner = null;
        if (closing) {
            closeOwned();
        } else {
            state = FREE;
        }
    }

    private int runOwned(long timeoutNanos) {
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
        // Calls queued from other threads take effect first, before even what a throwing handler
        // left undelivered: a run that starts after an unwatch returned never calls its handler.
        drainCommands();
        int calls = registry.dispatch(batch, this); // what a throwing handler left undelivered
        while (true) {
            registry.stageSynthetic(batch);
            timers.takeHandedOver(); // timers hook 2a: timers scheduled or cancelled by other threads
            long wait;
            if (calls > 0 || batch.hasNext() || timeoutNanos == 0 || wake.userPending()) {
                wait = 0;
            } else if (timeoutNanos < 0) {
                wait = -1;
            } else {
                wait = Math.max(0, deadline - System.nanoTime()); // past the deadline: still look once
            }
            wait = waitForTimers(wait); // timers hook 2b: no longer than the earliest timer
            if (timed) {
                long t0 = System.nanoTime();
                backend.poll(wait, batch);
                blockedNanos += System.nanoTime() - t0;
                waits++;
            } else {
                backend.poll(wait, batch);
            }
            timers.notBlocking(); // timers hook 2c
            int woken = wake.consume();
            if ((woken & WakeGate.COMMANDS) != 0 || !commands.isEmpty()) {
                drainCommands();
            }
            calls += registry.dispatch(batch, this);
            calls += timers.runDue(System.nanoTime(), this); // timers hook 3: after the handlers
            // Not merely "the wait was 0" (the staged events may all have been stale), and a timeout
            // ends the run only after a look that could not block: a backend may return from a
            // blocking wait without looking at all (a wake-up raced its start), so the run takes
            // one more non-blocking look once the deadline has passed.
            boolean timedOut = timeoutNanos > 0 && wait == 0 && deadline - System.nanoTime() <= 0;
            if (calls > 0 || timeoutNanos == 0 || timedOut || (woken & WakeGate.USER) != 0 || closing) {
                return calls;
            }
        }
    }

    /**
     * Timers hook 2b: shortens {@code wait} (0: none; negative: no limit) to the earliest timer,
     * and publishes the result so that another thread's {@code schedule} wakes this run only for
     * a timer due before it ({@link TimerQueue#handOver}).
     */
    private long waitForTimers(long wait) {
        if (wait == 0) {
            return 0;
        }
        long now = System.nanoTime();
        long due = timers.nanosUntilDue(now);
        if (due >= 0 && (wait < 0 || due < wait)) {
            wait = due;
        }
        if (wait != 0) {
            timers.blockFor(now, wait);
            if (timers.hasHandedOver()) { // handed over before the publication: look again instead
                wait = 0;
            }
        }
        return wait;
    }

    private void acquireRun() {
        while (true) {
            int s = state;
            if (s == FREE && !closing && STATE.compareAndSet(this, FREE, RUNNING)) {
                return;
            }
            if (s == CLOSED || closing) {
                throw closed("run");
            }
            if (s == RUNNING) {
                Thread r = runner;
                throw new IllegalStateException(r == Thread.currentThread()
                        ? "run called from a handler: run is not re-entrant"
                        : "run is already in progress on thread \"" + (r == null ? "?" : r.getName())
                        + "\"; a loop is run by one thread at a time");
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public void wakeup() {
        if (!closing) {
            wake.request(WakeGate.USER);
        }
    }

    boolean isClosing() {
        return closing;
    }

    @Override
    public void close() {
        synchronized (this) { // close is rare; this only makes "first caller wins" simple
            if (closing) {
                awaitClosed();
                return;
            }
            closing = true;
        }
        if (runner == Thread.currentThread()) {
            return; // from a handler: the run finishes the close when it returns
        }
        while (true) {
            int s = state;
            if (s == FREE && STATE.compareAndSet(this, FREE, CLOSED)) {
                closeOwned();
                return;
            }
            if (s == CLOSED) {
                return;
            }
            if (s == RUNNING) {
                backend.wakeup();
            }
            LockSupport.parkNanos(10_000);
        }
    }

    private void awaitClosed() {
        if (runner == Thread.currentThread()) {
            return;
        }
        while (state != CLOSED) {
            LockSupport.parkNanos(10_000);
        }
    }

    private void closeOwned() {
        try {
            commands.clear();
            batch.clear();
            timers.dropAll(); // timers hook 4: pending timers never run
            registry.clear();
            backend.close();
        } finally {
            state = CLOSED;
        }
    }

    private static void checkFd(int fd) {
        if (fd < 0) {
            throw new IllegalArgumentException("fd must be >= 0, was " + fd);
        }
        if (fd > DescriptorLimit.MAX_FD) {
            throw new IllegalArgumentException("fd " + fd + " is above the largest descriptor number possible here ("
                    + DescriptorLimit.MAX_FD + ", from " + DescriptorLimit.SOURCE + ")");
        }
    }

    private IllegalStateException closed(String call) {
        return new IllegalStateException(call + ": the " + name + " loop is closed");
    }

    @Override
    public String toString() {
        return "Loop[" + name + (closing ? ", closed]" : "]");
    }
}
