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

    /** {@return true when a recording enables {@value RunEvent#NAME}; cheap, never allocates} */
    public static boolean runEnabled() {
        return PRESENT && jdk.jfr.FlightRecorder.isInitialized() && Types.RUN.isEnabled();
    }

    /**
     * Begins a {@value RunEvent#NAME} event; call only when {@link #runEnabled()}.
     *
     * @param backend      the loop's backend
     * @param timeoutNanos the run's time limit: 0 for {@code NO_WAIT}, negative for none
     * @return the begun event, for {@link #commitRun}
     */
    public static RunEvent beginRun(String backend, long timeoutNanos) {
        RunEvent e = new RunEvent();
        e.backend = backend;
        e.mode = timeoutNanos == 0 ? "NO_WAIT" : timeoutNanos < 0 ? "ONCE" : "TIMEOUT";
        e.timeout = timeoutNanos < 0 ? Long.MAX_VALUE : timeoutNanos;
        e.begin();
        return e;
    }

    /**
     * Ends a run event and commits it if the recording's threshold keeps it.
     *
     * @param e              the event {@link #beginRun} returned
     * @param delivered      handler calls plus timer tasks run
     * @param watchesChanged watch changes applied during the run
     * @param waits          calls into the backend's poll
     * @param blockedNanos   time spent inside the backend's poll
     * @param threw          whether the run ended with an exception
     */
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

    /**
     * Commits a {@value SelectionEvent#NAME} event when a recording enables it.
     *
     * @param chosen  the backend opened, or null when the selection failed
     * @param adapter the chosen backend's kernel adapter, or null
     * @param reason  why it was chosen (forced, asked for by name, first available)
     * @param order   the order the backends were tried in
     * @param skipped the backends passed over, each with its cause
     * @param failure why no loop was opened, or null on success
     */
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
