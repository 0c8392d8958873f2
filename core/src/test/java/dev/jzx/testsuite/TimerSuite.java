package dev.jzx.testsuite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jzx.Io;
import dev.jzx.RunMode;
import dev.jzx.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Timers T1-T7 of {@code docs/contract.md}. Timing is only asserted as "not earlier than the delay" (monotonic
 * clock) and, for liveness, with bounds of seconds; states are awaited through latches and
 * counters, never by sleeping.
 */
public abstract class TimerSuite extends ConformanceBase {

    protected TimerSuite(BackendFixture fixture) {
        super(fixture);
    }

    /** Runs a task on the thread inside run; records when and where. */
    private static final class Fire implements Runnable {
        volatile int count;
        volatile long at;
        volatile Thread thread;

        @Override
        public void run() {
            at = System.nanoTime();
            thread = Thread.currentThread();
            count++;
        }
    }

    // ---- T1 ----

    @Test
    void aTaskRunsOnceOnTheRunningThreadNoEarlierThanItsDelay() {
        Fire fire = new Fire();
        long scheduled = System.nanoTime();
        loop.schedule(50, TimeUnit.MILLISECONDS, fire);
        int calls = runUntil(() -> fire.count > 0, "the 50 ms task ran");
        assertEquals(1, calls, "run counted the task");
        assertTrue(fire.at - scheduled >= TimeUnit.MILLISECONDS.toNanos(50),
                "ran " + (fire.at - scheduled) + " ns after schedule, before its 50 ms delay");
        assertSame(Thread.currentThread(), fire.thread, "ran on the thread inside run");
        settle();
        assertEquals(1, fire.count, "ran once");
    }

    // ---- T2 ----

    @Test
    void runOnceWaitsUntilTheEarliestTimerRunsItAndReturns() {
        Fire later = new Fire();
        Fire first = new Fire();
        loop.schedule(30, TimeUnit.SECONDS, later);
        long scheduled = System.nanoTime();
        loop.schedule(200, TimeUnit.MILLISECONDS, first);
        assertEquals(1, loop.run(RunMode.ONCE), "run(ONCE) with only timers pending returns once the first is due");
        long elapsed = System.nanoTime() - scheduled;
        assertEquals(1, first.count);
        assertEquals(0, later.count);
        assertTrue(elapsed >= TimeUnit.MILLISECONDS.toNanos(200), "returned after " + elapsed + " ns");
        assertTrue(elapsed < PATIENCE.toNanos(), "returned after " + elapsed + " ns: did not wake for the timer");
    }

    @Test
    void runWithATimeoutShorterThanTheTimerReturnsZeroWithoutRunningIt() {
        Fire fire = new Fire();
        loop.schedule(30, TimeUnit.SECONDS, fire);
        long start = System.nanoTime();
        assertEquals(0, loop.run(100, TimeUnit.MILLISECONDS));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(90), "returned before the timeout");
        assertEquals(0, fire.count);
    }

    @Test
    void noWaitRunsOnlyWhatIsDueAndCountsHandlerCallsPlusTasks() {
        Fire due = new Fire();
        Fire notDue = new Fire();
        Pipe p = pipeWithData(1);
        Recorder r = new Recorder();
        loop.watch(p.readFd(), Io.READ, r);
        loop.schedule(0, TimeUnit.NANOSECONDS, due);
        loop.schedule(30, TimeUnit.SECONDS, notDue);
        runUntil(() -> due.count > 0 && r.count() > 0, "the due task and the handler ran");
        loop.unwatch(p.readFd());
        assertEquals(0, notDue.count);
        loop.watch(p.readFd(), Io.READ, r);
        int before = r.count();
        Fire due2 = new Fire();
        loop.schedule(0, TimeUnit.NANOSECONDS, due2);
        int calls = runUntil(() -> due2.count > 0 && r.count() > before, "the handler and the task ran again");
        assertEquals(r.count() - before + due2.count, calls, "run returns handler calls plus tasks run");
        assertEquals(0, notDue.count);
    }

    @Test
    void noWaitRunsADueTaskAtOnce() {
        Fire fire = new Fire();
        loop.schedule(0, TimeUnit.MILLISECONDS, fire);
        assertEquals(1, loop.run(RunMode.NO_WAIT));
        assertEquals(1, fire.count);
        assertEquals(0, loop.run(RunMode.NO_WAIT));
    }

    // ---- T3 ----

    @Test
    void dueTasksRunInDeadlineOrderAndEqualDelaysInScheduleOrder() {
        List<String> order = new ArrayList<>();
        long start = System.nanoTime();
        loop.schedule(300, TimeUnit.MILLISECONDS, () -> order.add("300"));
        loop.schedule(100, TimeUnit.MILLISECONDS, () -> order.add("100a"));
        loop.schedule(200, TimeUnit.MILLISECONDS, () -> order.add("200"));
        loop.schedule(100, TimeUnit.MILLISECONDS, () -> order.add("100b"));
        loop.schedule(0, TimeUnit.MILLISECONDS, () -> order.add("0a"));
        loop.schedule(0, TimeUnit.MILLISECONDS, () -> order.add("0b"));
        loop.schedule(0, TimeUnit.MILLISECONDS, () -> order.add("0c"));
        assumeTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(100),
                "scheduling seven timers took over 100 ms (an overloaded machine): their deadlines may interleave");
        runUntil(() -> order.size() == 7, "all seven tasks ran");
        assertEquals(List.of("0a", "0b", "0c", "100a", "100b", "200", "300"), order);
    }

    @Test
    void aTaskReschedulingItselfRepeatsAndEachRunIsNoEarlierThanItsDelay() {
        AtomicInteger runs = new AtomicInteger();
        long[] last = {System.nanoTime()};
        long delay = TimeUnit.MILLISECONDS.toNanos(5);
        Runnable[] self = new Runnable[1];
        self[0] = () -> {
            long now = System.nanoTime();
            assertTrue(now - last[0] >= delay, "repeat ran " + (now - last[0]) + " ns after being scheduled");
            last[0] = now;
            if (runs.incrementAndGet() < 10) {
                loop.schedule(5, TimeUnit.MILLISECONDS, self[0]);
            }
        };
        loop.schedule(5, TimeUnit.MILLISECONDS, self[0]);
        runUntil(() -> runs.get() == 10, "ten repeats");
        settle();
        assertEquals(10, runs.get());
    }

    @Test
    void aTaskScheduledFromAHandlerRuns() {
        Pipe p = pipeWithData(1);
        Fire fire = new Fire();
        loop.watch(p.readFd(), Io.READ, (fd, ready) -> {
            loop.schedule(1, TimeUnit.MILLISECONDS, fire);
            return false;
        });
        runUntil(() -> fire.count > 0, "the task scheduled by the handler ran");
        assertEquals(1, fire.count);
    }

    // ---- T4 ----

    @Test
    void cancelBeforeItRunsKeepsItFromRunningOnceOnly() {
        Fire fire = new Fire();
        Timer t = loop.schedule(0, TimeUnit.MILLISECONDS, fire);
        assertTrue(t.cancel(), "the first cancel kept it from running");
        assertFalse(t.cancel(), "a second cancel");
        assertEquals(0, loop.run(RunMode.NO_WAIT));
        settle();
        assertEquals(0, fire.count);
    }

    @Test
    void cancelAfterItRanReturnsFalse() {
        Fire fire = new Fire();
        Timer t = loop.schedule(0, TimeUnit.MILLISECONDS, fire);
        runUntil(() -> fire.count > 0, "it ran");
        assertFalse(t.cancel());
    }

    @Test
    void aTaskCancelledByAnEarlierTaskOfTheSameRunDoesNotRun() {
        Fire victim = new Fire();
        AtomicReference<Timer> victimTimer = new AtomicReference<>();
        AtomicReference<Boolean> cancelled = new AtomicReference<>();
        loop.schedule(0, TimeUnit.MILLISECONDS, () -> cancelled.set(victimTimer.get().cancel()));
        victimTimer.set(loop.schedule(0, TimeUnit.MILLISECONDS, victim));
        // Both are due in the same run; the first cancels the second.
        int calls = runUntil(() -> cancelled.get() != null, "the first task ran");
        assertEquals(Boolean.TRUE, cancelled.get());
        assertEquals(1, calls);
        settle();
        assertEquals(0, victim.count);
    }

    @Test
    void aTaskCancelsItselfTooLate() {
        AtomicReference<Timer> self = new AtomicReference<>();
        AtomicReference<Boolean> result = new AtomicReference<>();
        self.set(loop.schedule(0, TimeUnit.MILLISECONDS, () -> result.set(self.get().cancel())));
        runUntil(() -> result.get() != null, "it ran");
        assertEquals(Boolean.FALSE, result.get(), "a started task cannot be cancelled");
    }

    @Test
    void cancelFromAnotherThreadWhileTheRunBlocks() throws Exception {
        Fire fire = new Fire();
        Timer t = loop.schedule(1, TimeUnit.SECONDS, fire);
        CountDownLatch started = new CountDownLatch(1);
        Fire marker = new Fire();
        AtomicInteger result = new AtomicInteger(-1);
        Thread runner = start("jzx-timer-runner", () -> {
            started.countDown();
            int calls = 0;
            while (marker.count == 0) {
                calls += loop.run(RunMode.ONCE); // blocks until the 1 s timer, unless cancelled
            }
            result.set(calls);
        });
        assertTrue(started.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        assertTrue(t.cancel(), "cancelled from another thread before its deadline");
        assertFalse(t.cancel(), "a second cancel");
        loop.schedule(1_500, TimeUnit.MILLISECONDS, marker); // past the cancelled one's deadline
        runner.join(PATIENCE.toMillis());
        assertFalse(runner.isAlive(), "the run never reached the marker timer");
        assertEquals(0, fire.count, "the cancelled task ran");
        assertEquals(1, result.get(), "only the marker ran");
    }

    // ---- T5 ----

    @Test
    void scheduleFromAnotherThreadWakesARunBlockedWithoutLimit() throws Exception {
        runBlockedThenScheduleFromAnotherThread(null);
    }

    @Test
    void scheduleFromAnotherThreadWakesARunBlockedForALaterTimer() throws Exception {
        runBlockedThenScheduleFromAnotherThread(30L);
    }

    private void runBlockedThenScheduleFromAnotherThread(Long laterTimerSeconds) throws Exception {
        Fire later = new Fire();
        if (laterTimerSeconds != null) {
            loop.schedule(laterTimerSeconds, TimeUnit.SECONDS, later);
        }
        AtomicInteger result = new AtomicInteger(-1);
        CountDownLatch started = new CountDownLatch(1);
        Thread runner = start("jzx-timer-runner", () -> {
            started.countDown();
            result.set(loop.run(RunMode.ONCE));
        });
        Fire fire = new Fire();
        assertTrue(started.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        // Whether the run has blocked yet or is about to, the new timer must end it.
        long scheduled = System.nanoTime();
        loop.schedule(20, TimeUnit.MILLISECONDS, fire);
        runner.join(PATIENCE.toMillis());
        assertFalse(runner.isAlive(), "a blocked run(ONCE) did not wake for a timer scheduled from another thread");
        assertEquals(1, result.get());
        assertEquals(1, fire.count);
        assertTrue(fire.at - scheduled >= TimeUnit.MILLISECONDS.toNanos(20), "ran before its delay");
        assertEquals(0, later.count);
    }

    @Test
    void aLaterTimerFromAnotherThreadDoesNotEndTheRunEarly() throws Exception {
        Fire first = new Fire();
        Fire later = new Fire();
        long scheduled = System.nanoTime();
        loop.schedule(300, TimeUnit.MILLISECONDS, first);
        AtomicInteger result = new AtomicInteger(-1);
        CountDownLatch go = new CountDownLatch(1);
        Thread runner = start("jzx-timer-runner", () -> {
            go.countDown();
            result.set(loop.run(RunMode.ONCE));
        });
        assertTrue(go.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        loop.schedule(30, TimeUnit.SECONDS, later);
        runner.join(PATIENCE.toMillis());
        assertFalse(runner.isAlive());
        assertEquals(1, result.get(), "the run returned for the first timer, having run only it");
        assertTrue(first.at - scheduled >= TimeUnit.MILLISECONDS.toNanos(300));
        assertEquals(0, later.count);
    }

    @Test
    void threadsSchedulingAndCancellingWhileTheLoopRunsLoseNothing() throws Exception {
        int threads = 4;
        int perThread = 5_000;
        int n = threads * perThread;
        AtomicIntegerArray ran = new AtomicIntegerArray(n);
        AtomicIntegerArray cancelled = new AtomicIntegerArray(n);
        AtomicInteger settled = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int base = t * perThread;
            start("jzx-timer-caller-" + t, () -> {
                SplittableRandom random = new SplittableRandom(base);
                for (int i = 0; i < perThread; i++) {
                    int id = base + i;
                    Timer timer = loop.schedule(random.nextInt(2_000), TimeUnit.MICROSECONDS, () -> {
                        ran.incrementAndGet(id);
                        settled.incrementAndGet();
                    });
                    if (random.nextBoolean() && timer.cancel()) {
                        cancelled.incrementAndGet(id);
                        settled.incrementAndGet();
                    }
                }
                done.countDown();
            });
        }
        runUntil(() -> done.getCount() == 0 && settled.get() == n, "every timer ran or was cancelled");
        settle();
        for (int i = 0; i < n; i++) {
            assertEquals(1, ran.get(i) + cancelled.get(i), "timer " + i + " ran " + ran.get(i)
                    + " times and was cancelled " + cancelled.get(i) + " times");
        }
    }

    // ---- T6 ----

    @Test
    void aThrowingTaskComesOutOfRunAndLosesNoOtherTimer() {
        RuntimeException boom = new IllegalStateException("boom");
        Fire before = new Fire();
        Fire after1 = new Fire();
        Fire after2 = new Fire();
        loop.schedule(0, TimeUnit.MILLISECONDS, before);
        loop.schedule(0, TimeUnit.MILLISECONDS, () -> {
            throw boom;
        });
        loop.schedule(0, TimeUnit.MILLISECONDS, after1);
        loop.schedule(0, TimeUnit.MILLISECONDS, after2);
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> loop.run(RunMode.NO_WAIT));
        assertSame(boom, thrown, "the task's exception, as the same object");
        assertEquals(1, before.count);
        assertEquals(2, loop.run(RunMode.NO_WAIT), "the next run runs the two left over");
        assertEquals(1, after1.count);
        assertEquals(1, after2.count);
        assertEquals(0, loop.run(RunMode.NO_WAIT), "the throwing task was consumed");
    }

    @Test
    void closeDropsPendingTimersUnrun() {
        Fire due = new Fire();
        Fire later = new Fire();
        Timer t1 = loop.schedule(0, TimeUnit.MILLISECONDS, due);
        Timer t2 = loop.schedule(50, TimeUnit.MILLISECONDS, later);
        loop.close();
        assertFalse(t1.cancel(), "dropped by close: this cancel kept nothing from running");
        assertFalse(t2.cancel());
        assertEquals(0, due.count);
        assertEquals(0, later.count);
    }

    @Test
    void closeFromATaskEndsTheRunAndDropsTheRest() {
        Fire after = new Fire();
        loop.schedule(0, TimeUnit.MILLISECONDS, loop::close);
        loop.schedule(0, TimeUnit.MILLISECONDS, after);
        assertEquals(1, loop.run(RunMode.NO_WAIT));
        assertEquals(0, after.count);
        assertThrows(IllegalStateException.class, () -> loop.run(RunMode.NO_WAIT));
    }

    private static void rejects(Class<? extends Throwable> type, String mustMention, Executable call) {
        Throwable t = assertThrows(type, call);
        assertTrue(t.getMessage() != null && t.getMessage().contains(mustMention),
                "message should mention '" + mustMention + "': " + t.getMessage());
    }

    @Test
    void badInputIsRejectedAndChangesNothing() {
        Fire fire = new Fire();
        rejects(IllegalArgumentException.class, "-1", () -> loop.schedule(-1, TimeUnit.MILLISECONDS, fire));
        rejects(IllegalArgumentException.class, "delay", () -> loop.schedule(Long.MIN_VALUE, TimeUnit.DAYS, fire));
        rejects(NullPointerException.class, "unit", () -> loop.schedule(1, null, fire));
        rejects(NullPointerException.class, "task", () -> loop.schedule(1, TimeUnit.SECONDS, null));
        assertEquals(0, loop.run(RunMode.NO_WAIT), "nothing was scheduled");
        loop.close();
        rejects(IllegalStateException.class, "closed", () -> loop.schedule(1, TimeUnit.SECONDS, fire));
        rejects(IllegalStateException.class, "schedule", () -> loop.schedule(1, TimeUnit.SECONDS, fire));
        assertEquals(0, fire.count);
    }

    @Test
    void hugeDelaysAreAccepted() {
        Fire fire = new Fire();
        Timer t = loop.schedule(Long.MAX_VALUE, TimeUnit.DAYS, fire);
        loop.schedule(Long.MAX_VALUE, TimeUnit.NANOSECONDS, fire);
        assertEquals(0, loop.run(10, TimeUnit.MILLISECONDS));
        assertTrue(t.cancel());
    }

    // ---- T7 ----

    @Test
    void aMillionPendingTimersWork() {
        int n = 1_000_000;
        AtomicInteger ran = new AtomicInteger();
        Timer[] timers = new Timer[n];
        Runnable count = ran::incrementAndGet;
        for (int i = 0; i < n; i++) {
            timers[i] = loop.schedule(1_000 + (i % 1000), TimeUnit.SECONDS, count);
        }
        Fire soon = new Fire();
        loop.schedule(0, TimeUnit.MILLISECONDS, soon);
        assertEquals(1, loop.run(RunMode.NO_WAIT), "one due among a million pending");
        assertEquals(1, soon.count);
        for (int i = 0; i < n; i += 2) {
            assertTrue(timers[i].cancel(), "cancel of timer " + i);
        }
        // The other half, due soon in a scrambled order: they must run in deadline order. The
        // deadline of each lies between the clock read just before and just after its schedule.
        int due = 100_000;
        long[] earliest = new long[due];
        long[] latest = new long[due];
        int[] order = new int[due];
        AtomicInteger k = new AtomicInteger();
        for (int i = 0; i < due; i++) {
            long delay = TimeUnit.MILLISECONDS.toNanos((i * 7919L) % 50); // 0..49 ms
            int id = i;
            earliest[i] = System.nanoTime() + delay;
            loop.schedule(delay, TimeUnit.NANOSECONDS, () -> order[k.getAndIncrement()] = id);
            latest[i] = System.nanoTime() + delay;
        }
        runUntil(() -> k.get() == due, "the " + due + " due timers among " + (n / 2) + " pending ran");
        for (int i = 1; i < due; i++) {
            int a = order[i - 1];
            int b = order[i];
            assertTrue(earliest[a] - latest[b] <= 0, "timer " + a + " ran before timer " + b
                    + " although due at least " + (earliest[a] - latest[b]) + " ns later");
        }
        assertEquals(0, ran.get(), "no far timer ran");
        for (int i = 1; i < n; i += 2) {
            assertTrue(timers[i].cancel(), "cancel of timer " + i);
        }
        assertEquals(0, loop.run(RunMode.NO_WAIT));
    }
}
