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
        s.append(String.format(Locale.ROOT, "%n%-15s %-13s %12s %9s %11s %9s %9s%n",
                "scenario", "backend", "ns/op", "± (99.9%)", "vs Selector", "vs C", "B/op"));
        for (BenchResult r : results) {
            BenchResult jdk = selectorOf(r.scenario());
            String vsSelector = jdk == null || r.backend().equals(BenchResult.SELECTOR) ? "" : ratio(jdk.nanos() / r.nanos())
                    + " faster";
            Double c = r.scenario() == Scenario.PINGPONG ? floor.forBackend(r.backend()) : null;
            s.append(String.format(Locale.ROOT, "%-15s %-13s %12s %9s %11s %9s %9s%n", r.scenario().id, r.backend(),
                    number(r.nanos()), number(r.error()), vsSelector, c == null ? "" : ratio(r.nanos() / c),
                    Double.isNaN(r.allocBytes()) ? "?" : String.format(Locale.ROOT, "%.1f", r.allocBytes())));
        }
        s.append(String.format(Locale.ROOT, "%nper op: %s%n", perOp()));
        s.append(String.format(Locale.ROOT, "C floor (%s): epoll %s ns/event, io_uring %s, io_uring multishot %s%n",
                floor.note(), number(floor.epoll()), number(floor.uring()), number(floor.uringMultishot())));
        s.append("'vs Selector' = Selector ns / backend ns (>1x: faster than the JDK); 'vs C' = backend ns / C ns"
                + " (1.00x: the floor).\n");
        return s.toString();
    }

    private String perOp() {
        StringBuilder s = new StringBuilder();
        for (Scenario sc : Scenario.values()) {
            s.append(s.length() == 0 ? "" : "; ").append(sc.id).append(" = one ").append(sc.per);
        }
        return s.toString();
    }

    private BenchResult selectorOf(Scenario s) {
        for (BenchResult r : results) {
            if (r.scenario() == s && r.backend().equals(BenchResult.SELECTOR)) {
                return r;
            }
        }
        return null;
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
