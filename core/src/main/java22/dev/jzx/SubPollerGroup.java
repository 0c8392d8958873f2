package dev.jzx;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The sub-pollers of one {@link Poller} and their {@link PollerMaster}, started by the first
 * wait made from a virtual thread. Made by name ({@link VirtualLanes#configured}) on JDK 22+.
 */
final class SubPollerGroup implements VirtualLanes {
    private static final System.Logger LOG = System.getLogger("dev.jzx");

    private final ReentrantLock lock = new ReentrantLock(); // not synchronized: virtual threads start it
    private Supplier<Loop> open;
    private int count;
    private String name;
    private volatile SubPoller[] subs;
    private PollerMaster master;
    /** Set when they cannot start here, or are closed: the poller threads serve every wait. */
    private volatile boolean off;

    SubPollerGroup() {
    }

    @Override
    public void configure(Supplier<Loop> open, int count, String name) {
        this.open = open;
        this.count = count;
        this.name = name;
    }

    @Override
    public boolean serves(Thread t) {
        return t.isVirtual() && !off;
    }

    @Override
    public PollerLane laneOf(int fd) {
        SubPoller[] s = subs;
        if (s == null) {
            s = start();
            if (s == null) {
                return null;
            }
        }
        return s[fd % s.length];
    }

    private SubPoller[] start() {
        lock.lock();
        try {
            if (subs != null || off) {
                return subs;
            }
            LoopRuntime[] loops = new LoopRuntime[count];
            try {
                for (int i = 0; i < count; i++) {
                    Loop l = open.get();
                    if (!(l instanceof LoopRuntime r) || r.descriptor() < 0) {
                        l.close();
                        throw new IllegalStateException("the " + l.backend() + " loop has no descriptor to park on"
                                + " (see dev.jzx.spi.Backend.descriptor())");
                    }
                    loops[i] = r;
                }
                int[] descriptors = new int[count];
                for (int i = 0; i < count; i++) {
                    descriptors[i] = loops[i].descriptor();
                }
                PollerMaster m = PollerMaster.open(descriptors, name + "master");
                SubPoller[] started = new SubPoller[count];
                for (int i = 0; i < count; i++) {
                    started[i] = new SubPoller(i, loops[i], m, name + i);
                }
                m.start(started);
                for (SubPoller s : started) {
                    s.start();
                }
                master = m;
                subs = started;
                return started;
            } catch (RuntimeException e) {
                for (LoopRuntime l : loops) {
                    if (l != null) {
                        l.close();
                    }
                }
                off = true;
                LOG.log(System.Logger.Level.DEBUG, () -> "virtual threads wait through the poller threads: " + e);
                return null;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            off = true;
            SubPoller[] s = subs;
            if (s == null) {
                return;
            }
            for (SubPoller sub : s) {
                sub.requestClose();
            }
            for (SubPoller sub : s) {
                sub.awaitEnd();
            }
            master.close();
        } finally {
            lock.unlock();
        }
    }
}
