package dev.jzx.internal;

/**
 * The JFR gateway: the only class that touches {@code jdk.jfr} types, through
 * {@link RunEvent} and {@link SelectionEvent}. When the {@code jdk.jfr} module is not in the
 * runtime (a jlinked image without it, or the module path without {@code --add-modules jdk.jfr}
 * or {@code -XX:StartFlightRecording}) every check answers false and no event class is loaded.
 *
 * <p>Hot path: {@link #runEnabled()} is two volatile reads and allocates nothing while no
 * recording enables {@value RunEvent#NAME}; JFR itself is not initialized by jzx.
 */
public final class Jfr {
    private static final boolean PRESENT = present();

    private Jfr() {
    }

    private static boolean present() {
        try {
            Class.forName("jdk.jfr.FlightRecorder", false, Jfr.class.getClassLoader());
            Module jfr = ModuleLayer.boot().findModule("jdk.jfr").orElse(null);
            return jfr != null && Jfr.class.getModule().canRead(jfr);
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** @return true when a recording enables {@value RunEvent#NAME}; cheap, never allocates */
    public static boolean runEnabled() {
        return PRESENT && jdk.jfr.FlightRecorder.isInitialized() && Types.RUN.isEnabled();
    }

    /** @return a begun run event; call only when {@link #runEnabled()} */
    public static RunEvent beginRun(String backend, long timeoutNanos) {
        RunEvent e = new RunEvent();
        e.backend = backend;
        e.mode = timeoutNanos == 0 ? "NO_WAIT" : timeoutNanos < 0 ? "ONCE" : "TIMEOUT";
        e.timeout = timeoutNanos < 0 ? Long.MAX_VALUE : timeoutNanos;
        e.begin();
        return e;
    }

    public static void commitRun(RunEvent e, int delivered, int watchesChanged, int waits, long blockedNanos, boolean threw) {
        e.end();
        if (e.shouldCommit()) {
            e.delivered = delivered;
            e.watchesChanged = watchesChanged;
            e.waits = waits;
            e.blocked = blockedNanos;
            e.threw = threw;
            e.commit();
        }
    }

    public static void selection(String chosen, String adapter, String reason, String order, String skipped, String failure) {
        if (!PRESENT || !jdk.jfr.FlightRecorder.isInitialized() || !Types.SELECTION.isEnabled()) {
            return;
        }
        SelectionEvent e = new SelectionEvent();
        if (e.shouldCommit()) {
            e.chosen = chosen == null ? "" : chosen;
            e.adapter = adapter == null ? "" : adapter;
            e.reason = reason;
            e.order = order;
            e.skipped = skipped;
            e.failure = failure == null ? "" : failure;
            e.commit();
        }
    }

    /**
     * Initialized only once JFR is (a recording was started), so jzx never initializes JFR
     * itself; registering the event types here makes them known to later recordings too.
     */
    private static final class Types {
        static final jdk.jfr.EventType RUN = jdk.jfr.EventType.getEventType(RunEvent.class);
        static final jdk.jfr.EventType SELECTION = jdk.jfr.EventType.getEventType(SelectionEvent.class);
    }
}
