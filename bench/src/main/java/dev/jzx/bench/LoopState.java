package dev.jzx.bench;

import dev.jzx.Io;
import dev.jzx.Loop;
import dev.jzx.ReadyHandler;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One {@link Loop} on the {@code backend} parameter for a whole trial, and the pipes a
 * benchmark watches with it. The loop is opened before {@link #prepare()} and closed before the
 * pipes, so no fd is closed while still watched.
 */
public abstract class LoopState extends BackendState {
    /** A handler for fds whose events are counted by the loop, not by the handler. */
    static final ReadyHandler IGNORE = (fd, r) -> true;

    /** The loop under measurement, open from {@link #prepare()} to the end of the trial. */
    protected Loop loop;
    private final List<NativePipe> pipes = new ArrayList<>();

    /** For subclasses only. */
    protected LoopState() {
    }

    /** Opens the loop, then lets the benchmark {@link #prepare()} what it measures. */
    @Setup(Level.Trial)
    public final void setUp() {
        loop = Loop.open(backend);
        prepare();
    }

    /** Watches, writes or schedules what the benchmark needs; the loop is open. Nothing by default. */
    protected void prepare() {
    }

    /** @return a new pipe, closed at the end of the trial */
    protected final NativePipe pipe() {
        NativePipe p = NativePipe.open();
        pipes.add(p);
        return p;
    }

    /**
     * Watches {@code fds} fds that never become ready, both ends of {@code fds / 2} new pipes:
     * what a busy server's loop carries beside the fds that are active.
     *
     * @param fds how many idle fds to watch
     */
    protected final void watchIdle(int fds) {
        for (int i = 0; i < fds / 2; i++) {
            NativePipe p = pipe();
            loop.watch(p.readFd(), Io.READ, IGNORE); // empty: never ready
            loop.watch(p.writeFd(), Io.READ, IGNORE); // a write end is never readable
        }
    }

    /** Closes the loop, then every pipe it watched. */
    @TearDown(Level.Trial)
    public final void tearDown() {
        loop.close();
        pipes.forEach(NativePipe::close);
        pipes.clear();
    }
}
