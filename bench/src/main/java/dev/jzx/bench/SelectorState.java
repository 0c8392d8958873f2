package dev.jzx.bench;

import java.io.IOException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link LoopState} for the JDK peers: one {@link Selector} for a whole trial, and the
 * {@link Pipe}s a benchmark registers with it, so that a peer sets up what its jzx twin does
 * and measures only the work that differs.
 */
@State(Scope.Thread)
public abstract class SelectorState extends JmhDefaults {
    /** The selector under measurement, open from {@link #prepare()} to the end of the trial. */
    protected Selector selector;
    private final List<Pipe> pipes = new ArrayList<>();

    /** For subclasses only. */
    protected SelectorState() {
    }

    /**
     * Opens the selector, then lets the benchmark {@link #prepare()} what it measures.
     *
     * @throws IOException if the selector or a pipe cannot be opened
     */
    @Setup(Level.Trial)
    public final void setUp() throws IOException {
        selector = Selector.open();
        prepare();
    }

    /**
     * Registers or writes what the benchmark needs; the selector is open. Nothing by default.
     *
     * @throws IOException if a pipe cannot be opened, registered or written
     */
    protected void prepare() throws IOException {
    }

    /**
     * A pipe non-blocking at both ends, as {@link NativePipe}'s are: a registered channel must
     * be, and a write in the measurement must not take the blocking path.
     *
     * @return a new pipe, closed at the end of the trial
     * @throws IOException if it cannot be opened
     */
    protected final Pipe pipe() throws IOException {
        Pipe p = Pipe.open();
        pipes.add(p);
        p.source().configureBlocking(false);
        p.sink().configureBlocking(false);
        return p;
    }

    /**
     * {@link LoopState#watchIdle}: registers {@code fds} channels that never report, both ends
     * of {@code fds / 2} new pipes.
     *
     * @param fds how many idle channels to register
     * @throws IOException if a pipe cannot be opened or registered
     */
    protected final void registerIdle(int fds) throws IOException {
        for (int i = 0; i < fds / 2; i++) {
            Pipe p = pipe();
            p.source().register(selector, SelectionKey.OP_READ); // empty: never ready
            p.sink().register(selector, 0); // a watched fd that never reports
        }
    }

    /**
     * Closes the selector, then every pipe registered with it.
     *
     * @throws IOException if one cannot be closed
     */
    @TearDown(Level.Trial)
    public final void tearDown() throws IOException {
        selector.close();
        for (Pipe p : pipes) {
            p.source().close();
            p.sink().close();
        }
        pipes.clear();
    }
}
