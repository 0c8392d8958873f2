package dev.jzx.bench;

import java.util.List;
import java.util.Locale;

/**
 * {@code --json}: the raw results, written by hand (no JSON library in the jar). With
 * {@code --rounds} the top level holds the medians, and {@code "rounds"} every round's own C
 * floor and results.
 */
final class JsonReport {
    private JsonReport() {
    }

    static String render(List<BenchResult> results, CFloor.Figures floor) {
        return render(results, floor, List.of());
    }

    /**
     * @param results the medians (or the one round's results)
     * @param floor   the median C floor (or the one round's)
     * @param rounds  every round, when there were more than one; else empty
     */
    static String render(List<BenchResult> results, CFloor.Figures floor, List<Rounds.Round> rounds) {
        StringBuilder s = new StringBuilder("{\n");
        s.append("  \"java\": \"").append(System.getProperty("java.version")).append("\",\n");
        s.append("  \"os\": \"").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.version")).append("\",\n");
        s.append("  \"cores\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n");
        measured(s, "  ", results, floor);
        if (rounds.size() > 1) {
            s.append(",\n  \"rounds\": [\n");
            for (int i = 0; i < rounds.size(); i++) {
                s.append("    {\n");
                measured(s, "      ", rounds.get(i).results(), rounds.get(i).floor());
                s.append("\n    }").append(i + 1 < rounds.size() ? ",\n" : "\n");
            }
            s.append("  ]");
        }
        return s.append("\n}\n").toString();
    }

    /** The C floor's fields and the results, at {@code indent}, with no comma after the last. */
    private static void measured(StringBuilder s, String indent, List<BenchResult> results, CFloor.Figures floor) {
        s.append(indent).append("\"cFloorNsPerEvent\": {\"epoll\": ").append(num(floor.epoll()))
                .append(", \"io_uring\": ").append(num(floor.uring())).append(", \"io_uringMultishot\": ")
                .append(num(floor.uringMultishot())).append("},\n");
        s.append(indent).append("\"cFloorFanInNsPerEvent\": {\"epoll\": ").append(num(floor.fanInEpoll()))
                .append(", \"io_uring\": ").append(num(floor.fanInUring())).append("},\n");
        s.append(indent).append("\"cFloorOpenCloseNs\": {\"epoll\": ").append(num(floor.openCloseEpoll()))
                .append(", \"io_uring\": ").append(num(floor.openCloseUring())).append("},\n");
        s.append(indent).append("\"results\": [\n");
        for (int i = 0; i < results.size(); i++) {
            BenchResult r = results.get(i);
            s.append(indent).append(String.format(Locale.ROOT,
                    "  {\"scenario\": \"%s\", \"per\": \"%s\", \"backend\": \"%s\", \"nsPerOp\": %s, \"error\": %s,"
                            + " \"allocBytesPerOp\": %s}%s%n",
                    r.scenario().id, r.scenario().per, r.backend(), num(r.nanos()), num(r.error()), num(r.allocBytes()),
                    i + 1 < results.size() ? "," : ""));
        }
        s.append(indent).append(']');
    }

    private static String num(Double x) {
        return x == null || x.isNaN() || x.isInfinite() ? "null" : String.format(Locale.ROOT, "%.3f", x);
    }
}
