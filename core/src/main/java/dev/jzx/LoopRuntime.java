package dev.jzx;

import dev.jzx.internal.CommandQueue;
import dev.jzx.internal.DescriptorLimit;
import dev.jzx.internal.Handoff;
import dev.jzx.internal.Jfr;
import dev.jzx.internal.Ownership;
import dev.jzx.internal.RunEvent;
import dev.jzx.internal.WakeGate;
import dev.jzx.spi.Backend;
import dev.jzx.spi.Backends;
import dev.jzx.spi.ReadyBatch;
import dev.jzx.spi.ReadySink;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The {@link Loop} every backend shares: argument checks, the run loop, and the routing of each
 * call by who owns the loop ({@link Ownership}). A change made while no run is in progress, or
 * from a handler, is applied at once; one made by another thread while a run is in progress
 * goes through the {@link CommandQueue}, which is always drained before anything else is
 * applied, so changes keep the order they were made in. {@link Registry} holds the watches and
 * dispatches.
 */
final class LoopRuntime implements Loop {
    /**
     * How many calls other threads may have queued and not yet seen applied before the next one
     * waits for the loop.
     */
    static final int MAX_QUEUED = 1024;

    private final String name;
    private final Backend backend;
    private final Registry registry;
    private final WakeGate wake;
    private final ReadyBatch batch = new ReadyBatch();
    private final InlineDispatcher dispatcher;
    /** What the backend's poll reports to: {@link #dispatcher} if its poll is reentrant, else {@link #batch}. */
    private final ReadySink pollSink;
    private final Handoff handoff = new Handoff();
    private final Ownership owner = new Ownership(handoff);
    private final CommandQueue<Command> commands = new CommandQueue<>(MAX_QUEUED, handoff);
    private final BooleanSupplier closing = owner::isClosing;
    /**
     * Whether a handler or task of the run in progress closed the loop: nothing more of the run is
     * called. Loop thread only, so a plain field, read per report and per timer without a barrier
     * that would make the dispatch reload its state each time; a close from another thread waits
     * for the run to return, which it does once its poll's reports are dispatched.
     */
    private boolean closedByRun;
    private final BooleanSupplier closedByRunCheck = () -> closedByRun;
    private final Runnable wakeBackend;
    private final TimerQueue timers = new TimerQueue();
    /** JFR: whether this run measures its backend waits, and what it measured. Loop thread only. */
    private boolean timed;
    private int waits;
    private long blockedNanos;
    /** The poll in progress: when it began (JFR runs only), and the wake-up reasons its end consumed. */
    private long pollStart;
    private int woken;

    /** @param opened the backend, owned from now on, and its name */
    LoopRuntime(Backends.Opened opened) {
        this.name = opened.name();
        this.backend = opened.backend();
        this.registry = new Registry(backend);
        this.dispatcher = new InlineDispatcher(registry, batch, closing, this::waitEnded);
        this.pollSink = backend.reentrantPoll() ? dispatcher : batch;
        this.wake = new WakeGate(backend::wakeup);
        this.wakeBackend = backend::wakeup;
    }

    @Override
    public String backend() {
        return name;
    }

    /** {@return {@link Backend#changesWaitForPoll()}} */
    boolean changesWaitForPoll() {
        return backend.changesWaitForPoll();
    }

    /** {@return {@link Backend#descriptor()}} */
    int descriptor() {
        return backend.descriptor();
    }

    /**
     * {@return whether a run would report something that the backend's descriptor does not
     * signal (a refusal core keeps, an always-ready file)}; between runs, by the thread that
     * changed the watches last
     */
    boolean hasSynthetic() {
        return registry.hasSynthetic();
    }

    @Override
    public void watch(int fd, int interest, ReadyHandler handler) {
        watch(fd, interest, handler, 0);
    }

    /**
     * As {@link #watch}, for a watch the caller replaces or drops after each report of it (a
     * {@code Poller}'s): the backend may let the kernel disarm it after that report
     * ({@link dev.jzx.spi.Backend#registerOneShot}).
     */
    void watchOnce(int fd, int interest, ReadyHandler handler) {
        watch(fd, interest, handler, Registry.ONE_SHOT);
    }

    /** @param mode 0, or {@link Registry#ONE_SHOT} */
    private void watch(int fd, int interest, ReadyHandler handler, int mode) {
        checkFd(fd);
        checkInterest(fd, interest);
        if (handler == null) { // not requireNonNull with a message supplier: a lambda per call
            throw new NullPointerException("handler is null for fd " + fd);
        }
        apply(fd, interest | mode, handler, "watch");
    }

    @Override
    public void unwatch(int fd) {
        checkFd(fd);
        apply(fd, 0, null, "unwatch");
    }

    private void apply(int fd, int interest, ReadyHandler handler, String call) {
        if (owner.isClosing()) {
            throw closed(call + "(" + fd + ")");
        }
        if (owner.isRunner(Thread.currentThread())) {
            drainCommands(); // earlier queued changes first: changes keep their order
            applyNow(fd, interest, handler); // from a handler: the loop thread already owns it
            return;
        }
        Command queuedForm = null;
        while (true) {
            switch (owner.acquireChange()) {
                case Ownership.CHANGING:
                    try {
                        drainCommands();
                        applyNow(fd, interest, handler);
                    } finally {
                        owner.release();
                    }
                    return;
                case Ownership.RUNNING:
                    if (queuedForm == null) {
                        queuedForm = handler == null ? Command.unwatch(fd) : new Command(fd, interest, handler);
                    }
                    boolean added = commands.offer(queuedForm);
                    wake.request(WakeGate.COMMANDS);
                    if (added) {
                        return;
                    }
                    // The loop is behind: wait until it has applied some, or the run ended.
                    handoff.await(() -> commands.hasRoom() || owner.state() != Ownership.RUNNING);
                    break;
                default:
                    throw closed(call + "(" + fd + ")");
            }
        }
    }

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
        if (owner.isClosing()) {
            throw closed("schedule(" + delay + " " + unit + ")");
        }
        TimerHandle h = timers.newTimer(this, unit.toNanos(delay), task);
        if (owner.isRunner(Thread.currentThread())) { // from a handler or task
            timers.add(h);
            return h;
        }
        switch (owner.acquireChange()) {
            case Ownership.CHANGING:
                try {
                    timers.takeHandedOver();
                    timers.add(h);
                } finally {
                    owner.release();
                }
                return h;
            case Ownership.RUNNING:
                if (timers.handOver(h)) { // only when due before the run would wake (T5)
                    wake.request(WakeGate.COMMANDS);
                }
                return h;
            default:
                throw closed("schedule(" + delay + " " + unit + ")");
        }
    }

    /** Takes a timer that {@link TimerHandle#cancel()} has just cancelled out of the heap; any thread. */
    void removeTimer(TimerHandle h) {
        if (owner.isRunner(Thread.currentThread())) { // from a task: a later task of this run must not run
            timers.remove(h);
            return;
        }
        switch (owner.acquireChange()) {
            case Ownership.CHANGING:
                try {
                    timers.remove(h);
                } finally {
                    owner.release();
                }
                return;
            case Ownership.RUNNING:
                timers.handOver(h); // no wake-up: the run finds it cancelled at worst
                return;
            default:
                return; // dropped with the loop
        }
    }


    private void applyNow(int fd, int interest, ReadyHandler handler) {
        if (handler == null) {
            registry.unwatch(fd);
        } else {
            registry.watch(fd, interest, handler);
        }
    }

    /**
     * Applies the commands queued before this call (see {@link CommandQueue#mark()}); a later
     * one waits for the next drain (before the next dispatch, or at the next run's start).
     */
    private void drainCommands() {
        long mark = commands.mark();
        Command c = commands.takeBefore(mark);
        if (c == null) {
            return;
        }
        do {
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
        } while ((c = commands.takeBefore(mark)) != null);
        commands.drained();
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
        if (owner.acquireRun() == Ownership.CLOSED) {
            throw closed("run");
        }
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
        owner.leaveRun();
        if (owner.isClosing()) {
            closeOwned();
        } else {
            owner.release();
        }
    }

    private int runOwned(long timeoutNanos) {
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
        // Calls queued from other threads take effect first, before even what a throwing handler
        // left undelivered: a run that starts after an unwatch returned never calls its handler.
        drainCommands();
        int calls = registry.dispatch(batch, closedByRunCheck); // what a throwing handler left undelivered
        while (true) {
            registry.stageSynthetic(batch);
            timers.takeHandedOver(); // timers scheduled or cancelled by other threads
            long wait;
            if (calls > 0 || batch.hasNext() || timeoutNanos == 0 || wake.userPending()) {
                wait = 0;
            } else if (timeoutNanos < 0) {
                wait = -1;
            } else {
                wait = Math.max(0, deadline - System.nanoTime()); // past the deadline: still look once
            }
            wait = waitForTimers(wait); // no longer than the earliest timer
            if (wait != 0 && !wake.beginBlocking()) {
                wait = 0; // woken before it blocked: look, do not wait
            }
            pollStart = timed ? System.nanoTime() : 0;
            dispatcher.beginWait();
            backend.poll(wait, pollSink); // a reentrant backend's handlers run in here
            dispatcher.endWait();
            int woken = this.woken;
            if ((woken & WakeGate.COMMANDS) != 0 || !commands.isEmpty()) {
                drainCommands();
            }
            calls += dispatcher.finish(); // throws what a handler threw inside the poll
            calls += registry.dispatch(batch, closedByRunCheck);
            if (timers.size() != 0) { // no clock read for a loop without timers
                calls += timers.runDue(System.nanoTime(), closedByRunCheck); // after the handlers
            }
            // Not merely "the wait was 0" (the staged events may all have been stale), and a timeout
            // ends the run only after a look that could not block: a backend may return from a
            // blocking wait without looking at all (a wake-up raced its start), so the run takes
            // one more non-blocking look once the deadline has passed.
            boolean timedOut = timeoutNanos > 0 && wait == 0 && deadline - System.nanoTime() <= 0;
            if (calls > 0 || timeoutNanos == 0 || timedOut || (woken & WakeGate.USER) != 0 || owner.isClosing()) {
                return calls;
            }
        }
    }

    /** Once the backend's wait is over, before any handler of its reports runs ({@link InlineDispatcher}). */
    private void waitEnded() {
        timers.notBlocking();
        woken = wake.consume();
        if (timed) {
            blockedNanos += System.nanoTime() - pollStart;
            waits++;
        }
    }

    /**
     * Shortens {@code wait} (0: none; negative: no limit) to the earliest timer,
     * and publishes the result so that another thread's {@code schedule} wakes this run only for
     * a timer due before it ({@link TimerQueue#handOver}).
     */
    private long waitForTimers(long wait) {
        if (wait == 0) {
            return 0;
        }
        // A wait without limit and no timer to shorten it to needs no clock.
        long now = wait > 0 || timers.size() != 0 ? System.nanoTime() : 0;
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

    @Override
    public void wakeup() {
        if (!owner.isClosing()) {
            wake.request(WakeGate.USER);
        }
    }

    @Override
    public void close() {
        Thread me = Thread.currentThread();
        if (!owner.beginClose()) { // another call is closing it: return once it is closed
            if (!owner.isRunner(me)) {
                owner.awaitClosed();
            }
            return;
        }
        if (owner.isRunner(me)) {
            closedByRun = true;
            dispatcher.stop();
            return; // from a handler: the run finishes the close when it returns
        }
        if (owner.acquireForClose(wakeBackend)) {
            closeOwned();
        }
    }

    private void closeOwned() {
        try {
            commands.clear();
            batch.clear();
            timers.dropAll(); // pending timers never run
            registry.clear();
            backend.close();
        } finally {
            owner.markClosed();
        }
    }

    static void checkInterest(int fd, int interest) {
        if (interest == 0 || (interest & ~Io.INTEREST_MASK) != 0) {
            throw new IllegalArgumentException("interest must be Io.READ, Io.WRITE or both, was "
                    + interest + " (" + Io.toString(interest) + ") for fd " + fd);
        }
    }

    static void checkFd(int fd) {
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
        return "Loop[" + name + (owner.isClosing() ? ", closed]" : "]");
    }
}
