package dev.jzx.fake;

import dev.jzx.Io;
import dev.jzx.spi.Backend;
import dev.jzx.spi.ReadyBatch;
import dev.jzx.spi.ReadySink;
import java.util.HashMap;
import java.util.Map;

/**
 * A level-triggered backend over {@link FakeKernel}, modelled on epoll: a registration belongs
 * to the open file and vanishes when the file is closed; regular files are refused as
 * unpollable (so core's always-ready emulation is exercised); a closed fd is refused at once.
 * Counts its operations so tests can see what core asked of it.
 */
final class FakeBackend implements Backend {
    private final FakeKernel kernel;
    private final int selfFd;
    private final Map<Integer, Registration> registrations = new HashMap<>();
    /** What the poll in progress found, handed to its sink once the lock is let go. */
    private final ReadyBatch taken = new ReadyBatch();
    /** Refusals found while arming, reported by the next poll. */
    private final ReadyBatch refusals = new ReadyBatch();
    private boolean woken;
    private boolean closed;
    int registers;
    int reregisters;
    int deregisters;

    private static final class Registration {
        final FakeKernel.FakeFile file;
        int interest;
        final int token;

        Registration(FakeKernel.FakeFile file, int interest, int token) {
            this.file = file;
            this.interest = interest;
            this.token = token;
        }
    }

    FakeBackend(FakeKernel kernel) {
        this.kernel = kernel;
        this.selfFd = kernel.install(new FakeKernel.BackendObject());
    }

    @Override
    public int register(int fd, int interest, int token) {
        synchronized (kernel) {
            registers++;
            registrations.remove(fd);
            FakeKernel.FakeFile f = kernel.file(fd);
            if (f == null) {
                refusals.ready(fd, token, Io.ERROR | DROPPED);
                return ARMED;
            }
            if (f instanceof FakeKernel.RegularFile) {
                return ALWAYS_READY;
            }
            registrations.put(fd, new Registration(f, interest, token));
            return ARMED;
        }
    }

    @Override
    public void reregister(int fd, int interest, int token) {
        synchronized (kernel) {
            reregisters++;
            Registration r = registrations.get(fd);
            if (r == null || r.file.closed) {
                registrations.remove(fd);
                refusals.ready(fd, token, Io.ERROR | DROPPED);
                return;
            }
            r.interest = interest;
        }
    }

    @Override
    public void deregister(int fd) {
        synchronized (kernel) {
            deregisters++;
            registrations.remove(fd);
        }
    }

    @Override
    public void poll(long timeoutNanos, ReadySink sink) {
        synchronized (kernel) {
            boolean refused = refusals.hasNext();
            refusals.drainTo(taken);
            if (collect() == 0 && !refused && timeoutNanos != 0 && !woken) {
                try {
                    if (timeoutNanos < 0) {
                        kernel.wait();
                    } else {
                        kernel.wait(timeoutNanos / 1_000_000, (int) (timeoutNanos % 1_000_000));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // like EINTR: return early
                }
                collect();
            }
            woken = false;
        }
        taken.drainTo(sink); // outside the lock: handlers run inside it (reentrantPoll)
    }

    /** Takes the readiness of every registration into {@link #taken}. */
    private int collect() {
        registrations.entrySet().removeIf(e -> e.getValue().file.closed); // epoll forgets closed files
        int n = 0;
        for (Map.Entry<Integer, Registration> e : registrations.entrySet()) {
            Registration r = e.getValue();
            int readiness = r.file.readiness(r.interest);
            if (readiness != 0) {
                taken.ready(e.getKey(), r.token, readiness);
                n++;
            }
        }
        return n;
    }

    /**
     * {@return true: reports are handed over from {@link #taken}, a copy no change touches} It never
     * calls {@link ReadySink#waitOver()}, so the fake suites run the loop's other way of ending the
     * wait (at the first report); the FFM epoll suites run this one.
     */
    @Override
    public boolean reentrantPoll() {
        return true;
    }

    @Override
    public void wakeup() {
        synchronized (kernel) {
            woken = true;
            kernel.notifyAll();
        }
    }

    @Override
    public void close() {
        synchronized (kernel) {
            if (closed) {
                throw new IllegalStateException("backend closed twice");
            }
            closed = true;
            registrations.clear();
            kernel.close(selfFd);
        }
    }
}
