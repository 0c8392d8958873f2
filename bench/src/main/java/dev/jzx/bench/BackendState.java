package dev.jzx.bench;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A state measured once per backend: the one list of the backends the jzx benchmarks run on,
 * which {@code jzx bench} overrides with the backends available where it runs.
 */
@State(Scope.Thread)
public abstract class BackendState extends JmhDefaults {
    /** The backend to open, as {@link dev.jzx.Loop#open(String)} names it. */
    @Param({"io_uring", "epoll"})
    public String backend;

    /** For subclasses only. */
    protected BackendState() {
    }
}
