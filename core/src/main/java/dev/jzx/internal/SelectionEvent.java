package dev.jzx.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One backend selection by {@link dev.jzx.Loop#open()} or {@link dev.jzx.Loop#open(String)},
 * successful or not. Rare, so enabled by default whenever a recording is running.
 */
@Name(SelectionEvent.NAME)
@Label("jzx Backend Selection")
@Category({"jzx", "Loop"})
@Description("The backend Loop.open chose, why, and the backends it skipped with their causes")
@StackTrace(false)
final class SelectionEvent extends jdk.jfr.Event {
    static final String NAME = "dev.jzx.BackendSelection";

    @Label("Chosen")
    @Description("The backend the loop was opened on; empty when the selection failed")
    String chosen;

    @Label("Adapter")
    @Description("The kernel interface the chosen backend drives (ffm, netty, ...); empty when the selection failed")
    String adapter;

    @Label("Reason")
    @Description("Why: forced by -Djzx.backend, asked for by name, or first available in the order")
    String reason;

    @Label("Order")
    @Description("The order the backends were tried in")
    String order;

    @Label("Skipped")
    @Description("Backends passed over, each with its cause (name: cause; ...)")
    String skipped;

    @Label("Failure")
    @Description("Why no loop was opened; empty on success")
    String failure;
}
