package dev.jzx;

import java.util.function.Function;

/** A {@link PollerLane} run by a thread of its own: a platform poller thread, or a virtual sub-poller. */
abstract class ThreadedLane implements PollerLane, Runnable {
    /** Runs {@link #run()}. */
    final Thread thread;

    /** @param newThread makes the (unstarted) thread that will run this lane */
    ThreadedLane(Function<Runnable, Thread> newThread) {
        this.thread = newThread.apply(this);
    }

    void start() {
        thread.start();
    }

    @Override
    public boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    @Override
    public void awaitEnd() {
        if (!isCurrent()) {
            PollerLane.join(thread);
        }
    }
}
