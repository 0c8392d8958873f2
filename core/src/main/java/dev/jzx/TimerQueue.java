package dev.jzx;

import dev.jzx.internal.Fields;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loop's timers: a {@link TimerHeap} that only the loop's owner of the moment touches, and a
 * lock-free hand-over stack through which threads that cannot own the loop (a run is in
 * progress elsewhere) pass new timers and cancellations to it.
 *
 * <p>The run publishes until when it is about to block ({@link #blockFor}); a thread handing
 * over a timer due before then asks for a wake-up, any later one does not (the run will take it
 * when it next looks). The run re-checks the stack after publishing, so one of the two always
 * sees the other: the publication and the push are both volatile, and each side writes its
 * own before reading the other's.
 */
final class TimerQueue {
    /** {@link #blockingUntil} while the run is not about to block: a hand-over needs no wake-up. */
    private static final long NOT_BLOCKING = Long.MIN_VALUE;
    /** {@link #blockingUntil} while the run blocks without a time limit. */
    private static final long NO_LIMIT = Long.MAX_VALUE;
    /** Longest delay honoured (about 73 years), so that deadlines compare by subtraction without overflow. */
    static final long MAX_DELAY_NANOS = Long.MAX_VALUE >> 1;

    private static final VarHandle HANDED = Fields.handle(MethodHandles.lookup(), "handed", TimerHandle.class);

    private final TimerHeap heap = new TimerHeap();
    private final AtomicLong nextSeq = new AtomicLong();
    /** Top of the hand-over stack (linked through {@link TimerHandle#next}). */
    @SuppressWarnings("unused") // through HANDED
    private volatile TimerHandle handed;
    private volatile long blockingUntil = NOT_BLOCKING;

    /**
     * Any thread: a handle due {@code delayNanos} from now, in schedule order among equal
     * deadlines, {@link TimerHandle#HANDED_OVER} until {@link #add} or {@link #handOver} places it.
     */
    TimerHandle newTimer(LoopRuntime loop, long delayNanos, Runnable task) {
        long deadline = System.nanoTime() + Math.min(delayNanos, MAX_DELAY_NANOS);
        return new TimerHandle(loop, deadline, nextSeq.getAndIncrement(), task);
    }

    /** Owner only: puts a handle from {@link #newTimer} straight into the heap. */
    void add(TimerHandle h) {
        h.setState(TimerHandle.IN_HEAP);
        heap.add(h);
    }

    /** Owner only: takes a cancelled handle out of the heap. */
    void remove(TimerHandle h) {
        heap.remove(h);
        h.task = null;
    }

    /**
     * Any thread, while another thread owns the loop: passes a new handle, or a cancelled one
     * still in the heap, to the owner.
     *
     * @return whether the owner must be woken: a new timer due before the run would wake
     */
    boolean handOver(TimerHandle h) {
        TimerHandle top;
        do {
            top = handed;
            h.next = top;
        } while (!HANDED.compareAndSet(this, top, h));
        if (h.state() != TimerHandle.HANDED_OVER) {
            return false; // a cancellation: at worst the run wakes for nothing at the old deadline
        }
        long until = blockingUntil;
        return until != NOT_BLOCKING && (until == NO_LIMIT || h.deadline - until < 0);
    }

    /** Owner only: moves what other threads handed over into the heap (or out of it, for cancellations). */
    void takeHandedOver() {
        if (handed == null) {
            return;
        }
        TimerHandle h = (TimerHandle) HANDED.getAndSet(this, null);
        while (h != null) {
            TimerHandle next = h.next;
            h.next = null; // before the handle can be handed over again (by a cancel, once it is IN_HEAP)
            if (h.transition(TimerHandle.HANDED_OVER, TimerHandle.IN_HEAP)) {
                heap.add(h);
            } else {
                remove(h); // cancelled: before it reached the heap (not in it), or after
            }
            h = next;
        }
    }

    /**
     * Owner only: how long the run may block for the timers' sake.
     *
     * @return 0 when one is due, a negative value when there is no timer, else nanoseconds
     */
    long nanosUntilDue(long now) {
        TimerHandle top = heap.peek();
        return top == null ? -1 : Math.max(0, top.deadline - now);
    }

    /** Owner only, before a wait: publishes that the run blocks for {@code waitNanos} (negative: no limit). */
    void blockFor(long now, long waitNanos) {
        blockingUntil = waitNanos < 0 ? NO_LIMIT : now + waitNanos;
    }

    /** Owner only, after a wait. */
    void notBlocking() {
        blockingUntil = NOT_BLOCKING;
    }

    /** @return whether something was handed over since the last {@link #takeHandedOver()} */
    boolean hasHandedOver() {
        return handed != null;
    }

    /**
     * Owner only: runs the tasks due at {@code now}, earliest first. One that throws is consumed
     * and the exception propagates; the others stay for the next run.
     *
     * @return tasks run
     */
    int runDue(long now, java.util.function.BooleanSupplier closing) {
        int ran = 0;
        TimerHandle top;
        while ((top = heap.peek()) != null && top.deadline - now <= 0 && !closing.getAsBoolean()) {
            heap.poll();
            Runnable task = top.task;
            top.task = null;
            if (top.transition(TimerHandle.IN_HEAP, TimerHandle.STARTED)) {
                ran++;
                task.run();
            }
        }
        return ran;
    }

    /** Owner only, at close: every pending timer is dropped unrun. */
    void dropAll() {
        takeHandedOver();
        heap.clear(h -> {
            h.transition(TimerHandle.IN_HEAP, TimerHandle.DROPPED);
            h.task = null;
        });
    }

    /** @return timers in the heap (some may be cancelled and not yet taken out) */
    int size() {
        return heap.size();
    }
}
