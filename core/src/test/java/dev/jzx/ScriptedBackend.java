package dev.jzx;

import dev.jzx.spi.Backend;
import dev.jzx.spi.ReadySink;
import java.util.ArrayList;
import java.util.List;

/**
 * A backend that reports every registered fd as ready for its interest on every poll and
 * records each call core makes, so tests see exactly what core asked of the kernel adapter.
 * Single-threaded: tests drive it from one thread.
 */
class ScriptedBackend implements Backend {
    final List<String> calls = new ArrayList<>();
    final int[] interest = new int[1024];
    final int[] token = new int[1024];
    boolean record = true;
    int refuseFd = -1;
    /** The token of a refusal the next poll reports, or 0. */
    private int refusedToken;
    /** Readiness is the interest masked by this. */
    int readyMask = ~0;

    @Override
    public int register(int fd, int i, int t) {
        log("register " + fd + " " + Io.toString(i));
        if (fd == refuseFd) {
            interest[fd] = 0;
            refusedToken = t;
            return ARMED;
        }
        interest[fd] = i;
        token[fd] = t;
        return ARMED;
    }

    @Override
    public void reregister(int fd, int i, int t) {
        log("reregister " + fd + " " + Io.toString(i));
        interest[fd] = i;
    }

    @Override
    public void deregister(int fd) {
        log("deregister " + fd);
        interest[fd] = 0;
    }

    @Override
    public void poll(long timeoutNanos, ReadySink sink) {
        if (refusedToken != 0) {
            sink.ready(refuseFd, refusedToken, Io.ERROR | DROPPED);
            refusedToken = 0;
        }
        for (int fd = 0; fd < interest.length; fd++) {
            if ((interest[fd] & readyMask) != 0) {
                sink.ready(fd, token[fd], interest[fd] & readyMask);
            }
        }
    }

    @Override
    public void wakeup() {
    }

    @Override
    public void close() {
        log("close");
    }

    private void log(String s) {
        if (record) {
            calls.add(s);
        }
    }
}
