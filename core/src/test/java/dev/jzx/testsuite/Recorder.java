package dev.jzx.testsuite;

import dev.jzx.ReadyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A handler that records what it was called with. Called on the loop thread only; read by the
 * test on the same thread (between runs), or through {@link #count()} which is safe anywhere.
 */
public class Recorder implements ReadyHandler {
    private final List<int[]> calls = new ArrayList<>();
    private final IntPredicate keep;
    private volatile int count;
    private volatile Thread lastThread;

    /** Keeps watching after every call. */
    public Recorder() {
        this(r -> true);
    }

    /** @param keep given the readiness, what to return */
    public Recorder(IntPredicate keep) {
        this.keep = keep;
    }

    @Override
    public boolean onReady(int fd, int readiness) {
        synchronized (calls) {
            calls.add(new int[] {fd, readiness});
        }
        lastThread = Thread.currentThread();
        count++;
        return keep.test(readiness);
    }

    /** @return how many calls were made */
    public int count() {
        return count;
    }

    /** @return the readiness of the last call, or 0 */
    public int last() {
        synchronized (calls) {
            return calls.isEmpty() ? 0 : calls.get(calls.size() - 1)[1];
        }
    }

    /** @return the union of every readiness reported */
    public int union() {
        int u = 0;
        synchronized (calls) {
            for (int[] c : calls) {
                u |= c[1];
            }
        }
        return u;
    }

    /** @return the fds of every call, in order */
    public List<Integer> fds() {
        List<Integer> fds = new ArrayList<>();
        synchronized (calls) {
            for (int[] c : calls) {
                fds.add(c[0]);
            }
        }
        return fds;
    }

    /** @return the thread of the last call */
    public Thread lastThread() {
        return lastThread;
    }
}
