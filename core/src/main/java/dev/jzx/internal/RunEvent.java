package dev.jzx.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;
import jdk.jfr.Timespan;

/**
 * One {@link dev.jzx.Loop#run} call. Off by default, even in a recording (a busy loop runs
 * hundreds of thousands of times a second): enable {@value #NAME} in the recording's settings.
 * Created only through {@link Jfr}, and only while a recording enables it.
 */
@Name(RunEvent.NAME)
@Label("jzx Loop Run")
@Category({"jzx", "Loop"})
@Description("One Loop.run call: the events it delivered, the watch changes it applied and how long it "
        + "blocked in the backend's wait")
@Enabled(false)
@StackTrace(false)
@Threshold("0 ms")
public final class RunEvent extends jdk.jfr.Event {
    static final String NAME = "dev.jzx.Run";

    /** An event not begun yet; only {@link Jfr} makes one. */
    public RunEvent() {
    }

    @Label("Backend")
    @Description("io_uring, epoll, kqueue or a third party's")
    String backend;

    @Label("Mode")
    @Description("NO_WAIT, ONCE (no time limit) or TIMEOUT (run with a timeout)")
    String mode;

    @Label("Timeout")
    @Description("How long the run could block: 0 for NO_WAIT, Long.MAX_VALUE ns for ONCE without limit")
    @Timespan(Timespan.NANOSECONDS)
    long timeout;

    @Label("Events Delivered")
    @Description("Handler calls made plus timer tasks run (what run returns)")
    int delivered;

    @Label("Watches Changed")
    @Description("watch/unwatch calls applied and interest dropped by handlers returning false, during the run")
    int watchesChanged;

    @Label("Backend Waits")
    @Description("Calls into the backend's poll")
    int waits;

    @Label("Time Blocked")
    @Description("Time spent inside the backend's poll (kernel wait included), up to the wait's return where handlers run inside it")
    @Timespan(Timespan.NANOSECONDS)
    long blocked;

    @Label("Threw")
    @Description("The run ended with an exception (a handler threw)")
    boolean threw;
}
