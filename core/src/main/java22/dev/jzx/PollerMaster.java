package dev.jzx;

import dev.jzx.internal.EpollCalls;
import dev.jzx.internal.EpollEvent;
import dev.jzx.internal.Errnos;
import dev.jzx.internal.Libc;
import dev.jzx.internal.WakeableEpoll;
import dev.jzx.spi.PollBits;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;

/**
 * The one platform thread of a {@link SubPollerGroup}: blocked in {@code epoll_wait} on the
 * sub-pollers' descriptors (each readable while its loop has something to report: an epoll fd
 * or an io_uring ring fd), it unparks the sub-poller whose descriptor became readable. Each registration is one-shot: a
 * sub-poller re-arms it, from its own thread, each time it parks.
 *
 * <p>It also keeps readiness flowing when the carriers are all busy: while a sub-poller it woke
 * has not run, it waits one {@link #QUANTUM_MILLIS quantum} at most, and then looks on that
 * sub-poller's behalf (the waits it ends are unparked from this thread, onto the scheduler's
 * shared queue). When every sub-poller is parked it waits with no timeout, so an idle poller
 * costs no wake-up at all.
 */
final class PollerMaster implements Runnable {
    private static final System.Logger LOG = System.getLogger("dev.jzx");
    /** How long a woken sub-poller may wait for a carrier before the master looks for it. */
    static final int QUANTUM_MILLIS = 10;
    private static final int MAX_EVENTS = 64;
    /** The {@code data} of the master's own eventfd, which {@link #close()} signals. */
    private static final long STOP = -1;

    private final MemorySegment block;
    private final Libc.Errno errno;
    /** Its epoll fd, whose eventfd {@link #close()} signals. */
    private final WakeableEpoll epoll;
    private final int epfd;
    private final MemorySegment events;
    private final MemorySegment counter;
    /** Per sub-poller: its {@code epoll_event} and errno, used only under its look. */
    private final MemorySegment[] changes;
    private final Libc.Errno[] errnos;
    /** Per sub-poller: its loop's descriptor. */
    private final int[] descriptors;
    private final Thread thread;
    private SubPoller[] subs;
    private volatile boolean closed;

    private PollerMaster(MemorySegment block, SegmentAllocator slices, Libc.Errno errno, int[] descriptors,
            String name) {
        this.block = block;
        this.errno = errno;
        this.events = slices.allocate(EpollEvent.SIZE * MAX_EVENTS, 8);
        this.counter = slices.allocate(ValueLayout.JAVA_LONG);
        int count = descriptors.length;
        this.descriptors = descriptors.clone();
        this.changes = new MemorySegment[count];
        this.errnos = new Libc.Errno[count];
        for (int i = 0; i < count; i++) {
            changes[i] = slices.allocate(EpollEvent.SIZE, 8);
            errnos[i] = new Libc.Errno(slices);
        }
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
        this.epoll = WakeableEpoll.open(errno, changes[0], STOP);
        this.epfd = epoll.epfd;
    }

    /**
     * Opens the master's epoll fd and eventfd and adds the sub-pollers' descriptors, disarmed;
     * its thread starts with {@link #start}.
     *
     * @param descriptors the sub-pollers' loops' descriptors, by index
     * @param name        its thread's name
     * @return the master
     * @throws UncheckedIOException naming the call that failed; nothing stays open
     */
    static PollerMaster open(int[] descriptors, String name) {
        int count = descriptors.length;
        long size = EpollEvent.SIZE * MAX_EVENTS + 8 + count * (16 + Libc.Errno.bytes() + 8) + Libc.Errno.bytes() + 64;
        MemorySegment block = Libc.allocate(size);
        try {
            SegmentAllocator slices = SegmentAllocator.slicingAllocator(block);
            PollerMaster master = new PollerMaster(block, slices, new Libc.Errno(slices), descriptors, name);
            try {
                for (int i = 0; i < count; i++) {
                    master.add(descriptors[i], i);
                }
            } catch (RuntimeException | Error e) {
                master.epoll.close();
                throw e;
            }
            return master;
        } catch (RuntimeException | Error e) {
            Libc.free(block);
            throw e;
        }
    }

    /** Starts the thread, serving {@code subs} (indexed as their {@code index}). */
    void start(SubPoller[] subs) {
        this.subs = subs;
        thread.start();
    }

    /** Adds a sub-poller's descriptor, disarmed until that sub-poller {@link #arm}s it. */
    private void add(int fd, int index) {
        EpollEvent.set(changes[0], EpollCalls.EPOLLONESHOT, index);
        int failed = EpollCalls.ctl(errno, epfd, EpollCalls.CTL_ADD, fd, changes[0]);
        if (failed != 0) {
            throw failure("epoll_ctl(EPOLL_CTL_ADD) of a sub-poller's descriptor", failed);
        }
    }

    /**
     * Arms the one-shot watch of sub-poller {@code index}'s descriptor; by that sub-poller.
     *
     * @param index      the sub-poller
     * @param descriptor its loop's descriptor now: a loop may move to a new one (a larger ring),
     *                   closing the old, which leaves the master's interest list with it
     */
    void arm(int index, int descriptor) {
        MemorySegment change = changes[index];
        EpollEvent.set(change, PollBits.POLLIN | EpollCalls.EPOLLONESHOT, index);
        int failed = descriptor == descriptors[index]
                ? EpollCalls.ctl(errnos[index], epfd, EpollCalls.CTL_MOD, descriptor, change) : Errnos.ENOENT;
        if (failed == Errnos.ENOENT) { // a new descriptor (perhaps under the old number)
            descriptors[index] = descriptor;
            failed = EpollCalls.ctl(errnos[index], epfd, EpollCalls.CTL_ADD, descriptor, change);
        }
        if (failed != 0) { // the descriptor is the loop's, open while its sub-poller runs
            throw failure("epoll_ctl of a sub-poller's descriptor " + descriptor, failed);
        }
    }

    /**
     * Moves sub-poller {@code index}'s armed watch to its loop's new descriptor, if it has one;
     * under that sub-poller's look, while it is parked.
     *
     * @param index      the sub-poller
     * @param descriptor its loop's descriptor now
     */
    void follow(int index, int descriptor) {
        if (descriptor != descriptors[index]) {
            arm(index, descriptor);
        }
    }

    @Override
    public void run() {
        int n = subs.length;
        long[] progress = new long[n];
        long[] since = new long[n];
        try {
            while (!closed) {
                int ready = EpollCalls.wait(errno, epfd, events, MAX_EVENTS, anyAwake() ? QUANTUM_MILLIS : -1);
                if (ready < 0) {
                    if (-ready == Errnos.EINTR) {
                        continue;
                    }
                    throw failure("epoll_wait", -ready);
                }
                long now = System.nanoTime();
                for (int i = 0; i < ready; i++) {
                    long data = EpollEvent.data(events, i);
                    if (data == STOP) {
                        epoll.wake.drain(counter);
                    } else {
                        SubPoller s = subs[(int) data];
                        if (s.wake()) {
                            progress[s.index] = s.progress();
                            since[s.index] = now;
                        }
                    }
                }
                for (SubPoller s : subs) {
                    int i = s.index;
                    long p = s.progress();
                    if (s.isParked() || p != progress[i]) {
                        progress[i] = p;
                        since[i] = now;
                    } else if (now - since[i] >= TimeUnit.MILLISECONDS.toNanos(QUANTUM_MILLIS)) {
                        s.lookOnBehalf(); // no carrier ran it for a quantum
                        since[i] = now;
                    }
                }
            }
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, thread.getName() + " failed; virtual threads' waits may hang", t);
        }
    }

    private boolean anyAwake() {
        for (SubPoller s : subs) {
            if (!s.isParked()) {
                return true;
            }
        }
        return false;
    }

    /** Ends the thread and releases the kernel objects; the sub-pollers must not watch any more. */
    void close() {
        closed = true;
        epoll.wake.signal();
        PollerLane.join(thread);
        epoll.close();
        Libc.free(block);
    }

    private static UncheckedIOException failure(String call, int errno) {
        return WakeableEpoll.failure("the poller's master: " + call, errno);
    }
}
