package dev.jzx.bench;

import java.util.List;
import java.util.Locale;

/** The table {@code jzx bench} prints: scenario x backend, time per operation, ratios, allocation. */
final class ReportTable {
    private final List<BenchResult> results;
    private final CFloor.Figures floor;

    ReportTable(List<BenchResult> results, CFloor.Figures floor) {
        this.results = results;
        this.floor = floor;
    }

    String render() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%n%-15s %-13s %12s %9s %13s %9s %9s%n",
                "scenario", "backend", "ns/op", "± (99.9%)", "vs baseline", "vs C", "B/op"));
        for (BenchResult r : results) {
            BenchResult base = baselineOf(r.scenario());
            String vsSelector = base == null || r.backend().equals(r.scenario().baseline()) ? ""
                    : versus(base.nanos(), r.nanos());
            Double c = floor.forScenario(r.scenario(), r.backend());
            s.append(String.format(Locale.ROOT, "%-15s %-13s %12s %9s %13s %9s %9s%n", r.scenario().id, r.backend(),
                    number(r.nanos()), number(r.error()), vsSelector, c == null ? "" : ratio(r.nanos() / c),
                    Double.isNaN(r.allocBytes()) ? "?" : String.format(Locale.ROOT, "%.1f", r.allocBytes())));
        }
        s.append(String.format(Locale.ROOT, "%nper op: %s%n", perOp()));
        s.append(String.format(Locale.ROOT, "C floor (%s): epoll %s ns/event, io_uring %s, io_uring multishot %s%n",
                floor.note(), number(floor.epoll()), number(floor.uring()), number(floor.uringMultishot())));
        s.append(String.format(Locale.ROOT, "C floor of fan-in (ns/event): epoll %s, io_uring one-shot %s%n",
                number(floor.fanInEpoll()), number(floor.fanInUring())));
        s.append(String.format(Locale.ROOT, "C floor of open+close (median ns/loop): epoll %s, io_uring %s%n",
                number(floor.openCloseEpoll()), number(floor.openCloseUring())));
        s.append("'vs baseline' = against the JDK Selector; for the timers scenarios against the JDK's"
                + " ScheduledThreadPoolExecutor (jdk-stpe); netty-wheel = Netty's HashedWheelTimer, 1 ms ticks;"
                + " timers-late-* = ns after the 1 ms delay; for the vthreads scenarios against JDK virtual"
                + " threads blocking on java.nio Pipe channels (jdk-vthreads; events/s = 1e9 / ns).\n");
        s.append("'vs C' = backend ns / C ns (1.00x: the floor; the Java figures also pay a call into the C"
                + " library for the handler's read and write: FFM on JDK 22+, JNI before).\n");
        return s.toString();
    }

    private String perOp() {
        StringBuilder s = new StringBuilder();
        for (Scenario sc : Scenario.values()) {
            s.append(s.length() == 0 ? "" : "; ").append(sc.id).append(" = one ").append(sc.per);
        }
        return s.toString();
    }

    private BenchResult baselineOf(Scenario s) {
        for (BenchResult r : results) {
            if (r.scenario() == s && r.backend().equals(s.baseline())) {
                return r;
            }
        }
        return null;
    }

    /** @return how a backend compares with the JDK Selector, e.g. "1.82x faster" or "1.10x slower" */
    static String versus(double selectorNanos, double nanos) {
        return selectorNanos >= nanos ? ratio(selectorNanos / nanos) + " faster" : ratio(nanos / selectorNanos) + " slower";
    }

    private static String ratio(double x) {
        return String.format(Locale.ROOT, "%.2fx", x);
    }

    static String number(Double x) {
        if (x == null || x.isNaN()) {
            return "?";
        }
        return x >= 100 ? String.format(Locale.ROOT, "%.0f", x) : String.format(Locale.ROOT, "%.2f", x);
    }
}
