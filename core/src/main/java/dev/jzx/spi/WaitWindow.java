package dev.jzx.spi;

/**
 * One {@link Backend#poll}'s permission to block, its deadline, and wake-ups requested from any
 * thread, in the shape event-loop libraries ask for them ({@code canBlock()},
 * {@code delayNanos(now)}, {@code deadlineNanos()}: Netty's {@code IoHandlerContext}). A backend
 * on such a library declares {@code final class PollContext extends WaitWindow implements
 * IoHandlerContext {}} and needs nothing else.
 *
 * <h2>Why a wake-up is never lost</h2>
 * {@link #requestWakeup()} sets a volatile flag before the backend signals the library, and a
 * library checks {@link #canBlock()} again after publishing that it is about to block. Either
 * it sees the flag and does not block, or the waker sees it blocking and signals its wake-up
 * descriptor.
 *
 * <h2>A wait that looked at nothing</h2>
 * A library may decide to wait ({@code canBlock()} true), then see a wake-up land before the
 * kernel call ({@code canBlock()} false) and return without asking the kernel at all: fds that
 * were ready go unreported. {@link #waitSkipped()} tells the backend to look once more.
 */
public class WaitWindow {
    /** Longer than this counts as no limit (and keeps {@code now + timeout} from overflowing). */
    private static final long MAX_TIMEOUT_NANOS = 1L << 62;
    /** {@link #deadlineNanos()} for "no deadline". */
    private static final long NO_DEADLINE = -1;

    private volatile boolean wakeRequested;
    private boolean mayBlock;
    /** canBlock() said yes once in this poll (the library chose to wait). */
    private boolean saidYes;
    /** ... and then no, before the wait. */
    private boolean waitSkipped;
    private long deadline = NO_DEADLINE;

    /** A window with no wait in progress and no wake-up requested. */
    public WaitWindow() {
    }

    /** Any thread. The next {@link #canBlock()}, in this poll or the next, answers false. */
    public final void requestWakeup() {
        wakeRequested = true;
    }

    /**
     * Sets up the next wait. A wake-up requested before this point is taken here (the poll will
     * not block); one requested later stays for the poll after it.
     *
     * @param timeoutNanos 0: no wait; negative: no limit
     */
    public final void prepare(long timeoutNanos) {
        boolean woken = wakeRequested;
        if (woken) {
            // Not atomic with the read, and need not be: a request made in between is satisfied
            // by this very poll, which will not block.
            wakeRequested = false;
        }
        mayBlock = timeoutNanos != 0 && !woken;
        saidYes = false;
        waitSkipped = false;
        if (timeoutNanos < 0 || timeoutNanos > MAX_TIMEOUT_NANOS) {
            deadline = NO_DEADLINE;
        } else {
            long d = System.nanoTime() + timeoutNanos;
            deadline = d == NO_DEADLINE ? d - 1 : d; // nanoTime may be negative; -1 must mean "none"
        }
    }

    /** {@return whether the wait may block now} */
    public final boolean canBlock() {
        boolean yes = mayBlock && !wakeRequested;
        if (yes) {
            saidYes = true;
        } else if (saidYes) {
            waitSkipped = true;
        }
        return yes;
    }

    /** {@return whether the last wait returned without looking: repeat it without waiting} */
    public final boolean waitSkipped() {
        return waitSkipped;
    }

    /**
     * The time left until the wait's deadline.
     *
     * @param currentTimeNanos {@link System#nanoTime()} now
     * @return how long the wait may last from now; {@link Long#MAX_VALUE} for no limit
     */
    public final long delayNanos(long currentTimeNanos) {
        return deadline == NO_DEADLINE ? Long.MAX_VALUE : Math.max(0, deadline - currentTimeNanos);
    }

    /**
     * The absolute deadline, fresh for every wait (Netty's epoll handler compares it with the
     * last one only to decide whether its timerfd needs re-arming).
     *
     * @return the {@link System#nanoTime()} the wait ends at, or -1 for none
     */
    public final long deadlineNanos() {
        return deadline;
    }
}
