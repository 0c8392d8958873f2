package dev.jzx.epoll;

import dev.jzx.testsuite.RecordingSink;
import static dev.jzx.Io.ERROR;
import static dev.jzx.Io.HANGUP;
import static dev.jzx.Io.READ;
import static dev.jzx.Io.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.spi.Backend;
import dev.jzx.spi.KernelAdapter;
import dev.jzx.testsuite.DescriptorTable;
import dev.jzx.testsuite.KernelWait;
import dev.jzx.testsuite.NettyFds;
import dev.jzx.testsuite.Pipe;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The epoll backend below core: what it arms in the kernel, what it returns, what it reports.
 * Through the adapter this JVM chooses (FFM on JDK 22+, Netty before or under
 * {@code -Djzx.adapter=netty}), so each adapter passes the same tests.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EpollBackendTest {
    private NettyFds fds;
    private EpollBackend backend;
    private InterestList kernel;
    private final RecordingSink sink = new RecordingSink();

    @BeforeAll
    static void nativeLoaded() {
        NettyNative.load(); // NettyFds
        assertTrue(new EpollBackendProvider().availability().isAvailable(),
                () -> "epoll must be available on Linux: " + new EpollBackendProvider().availability());
    }

    @BeforeEach
    void open() {
        fds = new NettyFds();
        InterestList.Opened<EpollBackend> opened = InterestList.whileOpening(EpollBackend::open);
        backend = opened.value();
        kernel = opened.interestList();
    }

    @AfterEach
    void close() {
        if (backend != null) {
            backend.close();
        }
        fds.close();
    }

    private Pipe pipeWithData() {
        Pipe p = fds.pipe();
        assertEquals(1, fds.write(p.writeFd(), 1));
        return p;
    }

    @Test
    void aReadablePipeIsArmedLevelTriggered() {
        Pipe p = pipeWithData();
        assertEquals(Backend.ARMED, backend.register(p.readFd(), READ, 7));
        assertEquals(List.of(p.readFd()), kernelTargetsExceptOwn());
        for (int i = 0; i < 3; i++) {
            sink.clear();
            backend.poll(0, sink);
            assertEquals(List.of(new RecordingSink.Ready(p.readFd(), 7, READ)), sink.reports, "poll " + i);
        }
    }

    @Test
    void theKernelsMaskIsTranslated() {
        Pipe p = pipeWithData();
        fds.close(p.writeFd());
        backend.register(p.readFd(), READ, 1);
        backend.poll(0, sink);
        assertEquals(READ | HANGUP, sink.reports.get(0).readiness(), "EPOLLIN|EPOLLHUP");
        Pipe q = fds.pipe();
        fds.close(q.readFd());
        backend.register(q.writeFd(), WRITE, 2);
        sink.clear();
        backend.poll(0, sink);
        assertEquals(WRITE | ERROR, sink.forFd(q.writeFd()).get(0).readiness(), "EPOLLOUT|EPOLLERR");
    }

    @Test
    void aRegularFileIsAlwaysReadyAndNothingIsRegistered() throws IOException {
        int file = fds.regularFile();
        assertEquals(Backend.ALWAYS_READY, backend.register(file, READ | WRITE, 1), "EPERM from epoll_ctl");
        FileDescriptor devNull = FileDescriptor.from("/dev/null");
        try {
            assertEquals(Backend.ALWAYS_READY, backend.register(devNull.intValue(), READ, 2));
        } finally {
            devNull.close();
        }
        assertEquals(List.of(), kernelTargetsExceptOwn());
        backend.poll(0, sink);
        assertEquals(List.of(), sink.reports, "core, not the backend, reports an always-ready file");
        backend.deregister(file); // tolerated: nothing to remove
    }

    @Test
    void aClosedFdIsRefused() {
        Pipe p = fds.pipe();
        int closed = p.readFd();
        fds.close(closed);
        assertEquals(Backend.ARMED, backend.register(closed, READ, 1));
        assertRefusedByNextPoll(backend, closed, 1, "EBADF from epoll_ctl");
        backend.deregister(closed);
        backend.reregister(closed, READ, 1);
        assertRefusedByNextPoll(backend, closed, 1, "nothing to re-arm");
    }

    @Test
    void theEpollFdItselfIsRefused() {
        backend.register(kernel.epollFd(), READ, 1);
        assertRefusedByNextPoll(backend, kernel.epollFd(), 1, "EINVAL from epoll_ctl");
    }

    @Test
    void theHandlersOwnEventfdIsRefusedAndKeepsWorking() throws Exception {
        Set<Integer> before = InterestList.descriptors("anon_inode:[eventfd]");
        EpollBackend other = EpollBackend.open();
        try {
            Set<Integer> eventFds = InterestList.descriptors("anon_inode:[eventfd]");
            eventFds.removeAll(before);
            assertEquals(1, eventFds.size(), "the new handler's eventfd: " + eventFds);
            int own = eventFds.iterator().next();
            other.register(own, READ, 1);
            assertRefusedByNextPoll(other, own, 1, "EEXIST: already in its interest list");
            // The refusal must not have removed the eventfd from epoll: a wake-up still ends a blocked poll.
            Thread poller = new Thread(() -> other.poll(TimeUnit.SECONDS.toNanos(20), sink), "jzx-epoll-poll");
            poller.start();
            assertTrue(KernelWait.awaitBlocked("jzx-epoll-poll", KernelWait.EPOLL_WAIT, java.time.Duration.ofSeconds(10)),
                    "the poll never blocked in epoll_wait");
            other.wakeup();
            poller.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(poller.isAlive(), "the wake-up was lost");
        } finally {
            other.close();
        }
    }

    @Test
    void registeringAgainModifiesInPlaceWithTheNewToken() {
        Pipe p = pipeWithData();
        assertEquals(Backend.ARMED, backend.register(p.readFd(), WRITE, 1));
        assertEquals(Backend.ARMED, backend.register(p.readFd(), READ, 2));
        assertEquals(List.of(p.readFd()), kernelTargetsExceptOwn(), "one entry, modified");
        backend.poll(0, sink);
        assertEquals(List.of(new RecordingSink.Ready(p.readFd(), 2, READ)), sink.reports);
        backend.reregister(p.readFd(), WRITE, 2);
        sink.clear();
        backend.poll(0, sink);
        assertEquals(List.of(), sink.reports, "a read end is never writable");
    }

    @Test
    void deregisterRemovesTheKernelEntryAtOnce() {
        Pipe p = pipeWithData();
        backend.register(p.readFd(), READ, 1);
        backend.deregister(p.readFd());
        assertFalse(kernel.contains(p.readFd()), "EPOLL_CTL_DEL done before deregister returned");
        backend.poll(0, sink);
        assertEquals(List.of(), sink.reports);
        backend.deregister(p.readFd()); // twice is fine
        assertEquals(Backend.ARMED, backend.register(p.readFd(), READ, 2), "and it can be armed again");
    }

    /** On the FFM adapter; Netty's cannot say EPOLLONESHOT, so there it is a plain registration. */
    @Test
    void aOneShotRegistrationIsDisarmedByItsReportAndArmedAgainByOneModify() {
        boolean oneShot = KernelAdapter.chosen() == KernelAdapter.FFM;
        Pipe p = pipeWithData();
        assertEquals(Backend.ARMED, backend.registerOneShot(p.readFd(), READ, 1));
        backend.poll(0, sink);
        assertEquals(List.of(new RecordingSink.Ready(p.readFd(), 1, READ)), sink.reports);
        sink.clear();
        backend.poll(0, sink);
        assertEquals(oneShot ? List.of() : List.of(new RecordingSink.Ready(p.readFd(), 1, READ)), sink.reports,
                oneShot ? "reported once, then disarmed, though still readable" : "level-triggered");
        backend.deregister(p.readFd());
        assertEquals(oneShot, kernel.contains(p.readFd()),
                oneShot ? "the disarmed entry stays, without a DEL" : "EPOLL_CTL_DEL");
        sink.clear();
        backend.poll(0, sink);
        assertEquals(List.of(), sink.reports, "nothing after deregister");
        assertEquals(Backend.ARMED, backend.registerOneShot(p.readFd(), READ, 2));
        assertEquals(List.of(p.readFd()), kernelTargetsExceptOwn(), "one entry");
        backend.poll(0, sink);
        assertEquals(List.of(new RecordingSink.Ready(p.readFd(), 2, READ)), sink.reports, "armed again");
        backend.deregister(p.readFd());
        backend.reregisterOneShot(p.readFd(), READ, 2); // after deregister: a refusal, as for any registration
        sink.clear();
        backend.poll(0, sink);
        assertEquals(List.of(new RecordingSink.Ready(p.readFd(), 2, ERROR | Backend.DROPPED)), sink.reports);
    }

    @Test
    void aDisarmedEntryWhoseFileWasClosedGivesWayToTheNewFile() {
        Pipe old = pipeWithData();
        int number = old.readFd();
        backend.registerOneShot(number, READ, 1);
        backend.poll(0, sink);
        backend.deregister(number);
        Pipe fresh = closeAndReuse(old);
        assertEquals(Backend.ARMED, backend.registerOneShot(number, READ, 2));
        assertArmedAgainst(fresh, 2);
    }

    /** epoll(7) Q6: the entry belongs to the open file description, so the number alone does not remove it. */
    @Test
    void unwatchRemovesTheEntryWhileADupIsOpenElsewhere() throws IOException {
        Pipe p = pipeWithData();
        backend.register(p.readFd(), READ, 1);
        int dup = Duplicates.dup(p.readFd());
        try {
            backend.deregister(p.readFd());
            assertFalse(kernel.contains(p.readFd()));
            fds.close(p.readFd()); // the user closes after unwatch; the dup keeps the pipe open
            fds.write(p.writeFd(), 1);
            backend.poll(0, sink);
            assertEquals(List.of(), sink.reports, "no event for an unwatched fd whose file lives on in a dup");
        } finally {
            new FileDescriptor(dup).close();
        }
    }

    /**
     * Why unwatch must come first, and proof that {@link Duplicates#dup} makes a real dup. When
     * the number is registered again for a new file, the entry out of reach reports under its own
     * tag, so its token is the old registration's and core discards it: the new registration is
     * not made to look ready. Netty keys events by number, so there the old file's readiness
     * arrives under the current registration's token.
     */
    @Test
    void closingWithoutUnwatchLeavesTheEntryWhileADupIsOpen() throws IOException {
        Pipe p = pipeWithData();
        int number = p.readFd();
        backend.register(number, READ, 1);
        int dup = Duplicates.dup(number);
        try {
            fds.close(number);
            assertTrue(kernel.contains(number), "the kernel keeps the entry of a file still open through a dup");
            backend.poll(0, sink);
            assertEquals(List.of(new RecordingSink.Ready(number, 1, READ)), sink.reports,
                    "and keeps reporting it under the closed number: the documented limit");
            sink.clear();
            Pipe fresh = reuse(number);
            assertEquals(Backend.ARMED, backend.register(number, READ, 2)); // MOD: ENOENT, then ADD
            backend.poll(0, sink);
            int token = KernelAdapter.chosen() == KernelAdapter.FFM ? 1 : 2;
            assertEquals(List.of(new RecordingSink.Ready(number, token, READ)), sink.reports,
                    "the old file's readiness; the fresh pipe is empty");
            backend.deregister(number);
            fds.close(fresh.writeFd());
        } finally {
            new FileDescriptor(dup).close();
        }
        assertFalse(kernel.contains(number), "gone with the last reference to the file");
    }

    @Test
    void aNumberClosedWithoutDeregisterAndReusedIsArmedAgainstTheNewFile() {
        Pipe old = pipeWithData();
        int number = old.readFd();
        assertEquals(Backend.ARMED, backend.register(number, READ, 1));
        Pipe fresh = closeAndReuse(old);
        // The backend still holds a registration for the number: MOD fails with ENOENT, then ADD.
        assertEquals(Backend.ARMED, backend.register(number, READ, 2));
        assertArmedAgainst(fresh, 2);
    }

    @Test
    void aReusedNumberIsReportedRefusedOnReregisterThenArmsAfresh() {
        Pipe old = pipeWithData();
        int number = old.readFd();
        backend.register(number, READ | WRITE, 1);
        fds.close(old.readFd());
        fds.close(old.writeFd());
        reuse(number);
        backend.reregister(number, READ, 1);
        assertRefusedByNextPoll(backend, number, 1, "ENOENT: the file is not the registered one");
        assertEquals(Backend.ARMED, backend.register(number, READ, 2), "no stale Netty registration left behind");
        assertEquals(List.of(number), kernelTargetsExceptOwn());
    }

    @Test
    void aNumberReusedByARegularFileIsAlwaysReady() {
        Pipe old = pipeWithData();
        int number = old.readFd();
        backend.register(number, READ, 1);
        fds.close(old.readFd());
        int file = -1;
        for (int i = 0; i < 20 && file != number; i++) {
            file = fds.regularFile();
        }
        assertEquals(number, file, "could not get fd number " + number + " again");
        assertEquals(Backend.ALWAYS_READY, backend.register(number, READ, 2), "EPERM on MOD");
        assertEquals(List.of(), kernelTargetsExceptOwn());
    }

    @Test
    void aNumberClosedWithoutDeregisterIsRefused() {
        Pipe old = pipeWithData();
        int number = old.readFd();
        backend.register(number, READ, 1);
        fds.close(old.readFd());
        backend.register(number, READ, 2);
        assertRefusedByNextPoll(backend, number, 2, "EBADF on MOD");
        backend.deregister(number);
    }

    @Test
    void aThrowingSinkNeitherStallsNorLosesThePoll() {
        Pipe a = pipeWithData();
        Pipe b = pipeWithData();
        backend.register(a.readFd(), READ, 1);
        backend.register(b.readFd(), READ, 2);
        IllegalStateException boom = new IllegalStateException("boom");
        int[] calls = {0};
        long start = System.nanoTime();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> backend.poll(0, (fd, token, r) -> {
            calls[0]++;
            throw boom;
        }));
        assertSame(boom, thrown);
        assertEquals(2, calls[0], "the rest of the batch was still recorded");
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(500),
                "Netty's one-second sleep after a throwing handle");
        backend.poll(0, sink);
        assertEquals(2, sink.reports.size());
    }

    /** {@code Backend.reentrantPoll()}: what a handler run inside the poll may do to the entries. */
    @Test
    void changesMadeFromInsideTheSinkTakeEffectAndLeaveTheRestOfThePollRight() {
        boolean ffm = !"netty".equals(new EpollBackendProvider().adapter());
        assertEquals(ffm, backend.reentrantPoll(), "only the FFM adapter's poll is reentrant");
        if (!ffm) {
            return; // core never hands Netty's adapter a sink that calls back: nothing more to hold it to
        }
        Pipe a = pipeWithData();
        Pipe b = pipeWithData();
        Pipe c = pipeWithData();
        backend.register(a.readFd(), READ, 1);
        backend.register(b.readFd(), READ, 2);
        List<RecordingSink.Ready> first = new java.util.ArrayList<>();
        backend.poll(0, (fd, token, r) -> {
            first.add(new RecordingSink.Ready(fd, token, r));
            if (first.size() == 1) { // whichever came first: drop the other, re-arm itself, add c
                int other = fd == a.readFd() ? b.readFd() : a.readFd();
                backend.deregister(other);
                backend.register(fd, READ, token + 10);
                backend.register(c.readFd(), READ, 3);
                backend.wakeup();
            }
        });
        assertEquals(2, first.size(), "both were ready when the wait returned: " + first);
        int kept = first.get(0).fd();
        assertEquals(List.of(kept, c.readFd()).stream().sorted().toList(),
                kernelTargetsExceptOwn().stream().sorted().toList());
        backend.poll(0, sink); // the wake-up made inside the sink is consumed here, reported never
        assertEquals(List.of(new RecordingSink.Ready(kept, first.get(0).token() + 10, READ),
                new RecordingSink.Ready(c.readFd(), 3, READ)).stream().sorted(java.util.Comparator.comparingInt(RecordingSink.Ready::fd)).toList(),
                sink.reports.stream().sorted(java.util.Comparator.comparingInt(RecordingSink.Ready::fd)).toList());
    }

    @Test
    void aWakeupBeforePollIsNotLost() {
        backend.wakeup();
        long start = System.nanoTime();
        backend.poll(TimeUnit.SECONDS.toNanos(20), sink);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void aWakeupFromAnotherThreadBeforePollIsNotLost() throws InterruptedException {
        Thread waker = new Thread(backend::wakeup);
        waker.start();
        waker.join();
        long start = System.nanoTime();
        backend.poll(TimeUnit.SECONDS.toNanos(20), sink);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
        start = System.nanoTime();
        backend.poll(TimeUnit.MILLISECONDS.toNanos(200), sink);
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(150), "one wake-up, one early return");
    }

    @Test
    void manyRacingWakeupsNeverLeaveAPollBlocked() throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            Thread waker = new Thread(backend::wakeup);
            waker.start();
            long start = System.nanoTime();
            backend.poll(TimeUnit.SECONDS.toNanos(20), sink);
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "round " + i + ": wake-up lost");
            waker.join();
        }
    }

    @Test
    void closeFreesItsDescriptorsAndLeavesTheWatchedOnesOpen() {
        Pipe p = pipeWithData();
        java.util.SortedMap<Integer, String> before = fds.descriptorTable();
        EpollBackend other = EpollBackend.open();
        List<String> own = "netty".equals(new EpollBackendProvider().adapter())
                ? List.of("anon_inode:[eventfd]", "anon_inode:[eventpoll]", "anon_inode:[timerfd]") // Netty's timeouts
                : List.of("anon_inode:[eventfd]", "anon_inode:[eventpoll]");
        assertEquals(own, DescriptorTable.added(before, fds.descriptorTable()).values().stream().sorted().toList(),
                "epoll fd, eventfd (and Netty's timerfd)");
        other.register(p.readFd(), READ, 1);
        other.register(p.writeFd(), WRITE, 2);
        other.poll(0, sink);
        other.close();
        other.wakeup(); // after close: a no-op
        assertEquals(before, fds.descriptorTable());
        assertEquals(1, fds.read(p.readFd(), 10), "the read end is still open");
        assertEquals(1, fds.write(p.writeFd(), 1), "the write end is still open");
    }

    /** Once closed, the eventfd's number may be a user's: a late wake-up must not write to it. */
    @Test
    void aWakeupAfterCloseWritesToNoDescriptor() {
        for (int attempt = 0; attempt < 20; attempt++) {
            int number = openAndCloseReturningItsEventfd();
            // The epoll fd was opened just before the eventfd: a pipe takes both numbers, the
            // eventfd's as its write end, unless a lower number was free.
            Pipe p = fds.pipe();
            if (p.writeFd() == number) {
                lastClosed.wakeup();
                lastClosed.wakeup();
                fds.close(p.writeFd());
                assertEquals(-1, fds.read(p.readFd(), 64), "a wake-up after close wrote to fd " + number + ", now a pipe");
                return;
            }
            // a lower number was free: the pipe stays open and fills it; try again
        }
        throw new AssertionError("the eventfd's number never became a pipe's write end");
    }

    private EpollBackend lastClosed;

    private int openAndCloseReturningItsEventfd() {
        Set<Integer> before = InterestList.descriptors("anon_inode:[eventfd]");
        lastClosed = EpollBackend.open();
        Set<Integer> eventFds = InterestList.descriptors("anon_inode:[eventfd]");
        eventFds.removeAll(before);
        assertEquals(1, eventFds.size(), "one eventfd per instance: " + eventFds);
        lastClosed.close();
        return eventFds.iterator().next();
    }

    /**
     * Wake-ups racing close, from threads that go on after it: none writes to the numbers the
     * closed instance freed, which a pipe takes at once (the eventfd's as its write end, when no
     * lower number is free).
     */
    @Test
    void wakeupsRacingCloseNeverWriteToAFreedNumber() throws InterruptedException {
        for (int round = 0; round < 100; round++) {
            EpollBackend other = EpollBackend.open();
            java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            List<Thread> wakers = new java.util.ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Thread w = new Thread(() -> {
                    while (!stop.get()) {
                        other.wakeup();
                        calls.incrementAndGet();
                    }
                });
                w.start();
                wakers.add(w);
            }
            other.poll(-1, sink); // woken while the wakers run
            for (int i = 0; i < 5; i++) {
                other.poll(0, sink); // each look takes the wake-up, so the wakers write again
            }
            other.close();
            Pipe p = fds.pipe();
            long seen = calls.get();
            while (calls.get() < seen + 100) {
                Thread.onSpinWait(); // more wake-ups after the numbers were taken
            }
            stop.set(true);
            for (Thread w : wakers) {
                w.join();
            }
            fds.close(p.writeFd());
            assertEquals(-1, fds.read(p.readFd(), 64), "round " + round + ": a wake-up wrote to " + p);
            fds.close(p.readFd());
        }
    }

    /** A wait shorter than epoll_wait's millisecond is rounded up, never down to "do not wait". */
    @Test
    void aSubMillisecondWaitStillWaits() {
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            backend.poll(500_000, sink);
            long waited = System.nanoTime() - start;
            assertTrue(waited >= 450_000, "a 0.5 ms poll returned after " + waited + " ns");
        }
        assertEquals(List.of(), sink.reports);
    }

    /**
     * In steady state: rounds of polls are measured until one allocates nothing, since until the
     * JIT has compiled the path (later on a busy machine) a downcall allocates its bindings.
     */
    @Test
    void pollingAReadyFdAllocatesNothing() {
        Pipe p = pipeWithData();
        backend.register(p.readFd(), READ, 1); // mask EPOLLIN: an event Netty has cached (FFM makes none)
        int[] seen = {0};
        dev.jzx.spi.ReadySink counting = (fd, token, readiness) -> seen[0]++;
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        int polls = 20_000;
        List<Long> perPoll = new java.util.ArrayList<>();
        while (perPoll.size() < 20) {
            seen[0] = 0;
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < polls; i++) {
                backend.poll(0, counting);
            }
            perPoll.add((threads.getCurrentThreadAllocatedBytes() - before) / polls);
            assertEquals(polls, seen[0]);
            if (perPoll.get(perPoll.size() - 1) < 4) {
                return;
            }
        }
        throw new AssertionError("a poll reporting one ready fd allocated bytes in every round of " + polls + ": " + perPoll);
    }

    /** The next poll reports exactly the refusal of (fd, token), without waiting. */
    private void assertRefusedByNextPoll(EpollBackend b, int fd, int token, String why) {
        RecordingSink refusals = new RecordingSink();
        b.poll(-1, refusals); // a refusal is news: the poll must not wait
        assertEquals(List.of(new RecordingSink.Ready(fd, token, ERROR | Backend.DROPPED)), refusals.reports, why);
    }

    /** Closes both ends of {@code old} (the kernel drops its entry) and opens a pipe whose read end takes the number again. */
    private Pipe closeAndReuse(Pipe old) {
        int number = old.readFd();
        fds.close(old.readFd());
        fds.close(old.writeFd());
        assertFalse(kernel.contains(number), "the kernel dropped the entry with the file");
        return reuse(number);
    }

    /** Checks that the one entry of {@code fresh}'s read end is armed against it, with {@code token}. */
    private void assertArmedAgainst(Pipe fresh, int token) {
        int number = fresh.readFd();
        assertEquals(List.of(number), kernelTargetsExceptOwn());
        sink.clear();
        backend.poll(0, sink);
        assertEquals(List.of(), sink.reports, "the new pipe is empty");
        fds.write(fresh.writeFd(), 1);
        backend.poll(0, sink);
        assertEquals(List.of(new RecordingSink.Ready(number, token, READ)), sink.reports);
    }

    /** @return a new pipe whose read end has number {@code number} (the lowest free one) */
    private Pipe reuse(int number) {
        for (int i = 0; i < 20; i++) {
            Pipe p = fds.pipe();
            if (p.readFd() == number) {
                return p;
            }
        }
        throw new AssertionError("could not get fd number " + number + " again");
    }

    /** @return the interest list without the handler's own eventfd and timerfd */
    private List<Integer> kernelTargetsExceptOwn() {
        Set<Integer> own = InterestList.descriptors("anon_inode:[eventfd]");
        own.addAll(InterestList.descriptors("anon_inode:[timerfd]"));
        return kernel.targets().stream().filter(fd -> !own.contains(fd)).toList();
    }

}
