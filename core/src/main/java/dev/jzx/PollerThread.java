package dev.jzx;

/**
 * A platform thread of a {@link Poller} and the {@link PollerLoop} it drives: it takes what
 * other threads handed it, runs its loop until something is ready or handed over, and repeats.
 * It serves platform threads' waits and futures, and every wait where no sub-poller runs.
 */
final class PollerThread extends ThreadedLane {
    private static final System.Logger LOG = System.getLogger("dev.jzx");

    private final PollerLoop work;
    private volatile boolean closing;
    /** Why the thread ended, if its loop failed; what later calls are told. */
    private volatile Throwable died;

    PollerThread(Loop loop, String name) {
        super(lane -> {
            Thread t = new Thread(lane, name);
            t.setDaemon(true);
            return t;
        });
        this.work = new PollerLoop(loop);
    }

    @Override
    public void arrive(PollerWait w) {
        switch (work.offer(w)) {
            case FIRST:
                work.loop.wakeup(); // later arrivals find the wake-up pending
                break;
            case CLOSED:
                throw closed();
            default:
                break;
        }
    }

    @Override
    public boolean withdraw(PollerWait w) {
        if (!w.withdraw()) {
            return false;
        }
        if (work.offerWithdrawal(w) == PollerInbox.Push.FIRST) {
            work.loop.wakeup(); // so that the fd stops being watched for it now, not at its next event
        }
        return true;
    }

    @Override
    public void requestClose() {
        closing = true;
        work.loop.wakeup();
    }

    @Override
    public void run() {
        try {
            while (!closing) {
                work.takeInbox();
                work.loop.run(RunMode.ONCE);
            }
        } catch (Throwable t) {
            died = t;
            LOG.log(System.Logger.Level.ERROR, thread.getName() + " failed; its waits fail with it", t);
        } finally {
            work.shutDown(closed());
        }
    }

    private IllegalStateException closed() {
        Throwable cause = died;
        return cause == null ? new IllegalStateException("the poller is closed (" + thread.getName() + ")")
                : new IllegalStateException(thread.getName() + " failed: " + cause, cause);
    }
}
