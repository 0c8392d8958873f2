package dev.jzx.bench;

import java.util.List;
import java.util.Locale;

/** {@code --json}: the raw results, written by hand (no JSON library in the jar). */
final class JsonReport {
    private JsonReport() {
    }

    static String render(List<BenchResult> results, CFloor.Figures floor) {
        StringBuilder s = new StringBuilder("{\n");
        s.append("  \"java\": \"").append(System.getProperty("java.version")).append("\",\n");
        s.append("  \"os\": \"").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.version")).append("\",\n");
        s.append("  \"cores\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n");
        s.append("  \"cFloorNsPerEvent\": {\"epoll\": ").append(num(floor.epoll())).append(", \"io_uring\": ")
                .append(num(floor.uring())).append(", \"io_uringMultishot\": ").append(num(floor.uringMultishot()))
                .append("},\n");
        s.append("  \"cFloorFanInNsPerEvent\": {\"epoll\": ").append(num(floor.fanInEpoll())).append(", \"io_uring\": ")
                .append(num(floor.fanInUring())).append("},\n");
        s.append("  \"cFloorOpenCloseNs\": {\"epoll\": ").append(num(floor.openCloseEpoll())).append(", \"io_uring\": ")
                .append(num(floor.openCloseUring())).append("},\n");
        s.append("  \"results\": [\n");
        for (int i = 0; i < results.size(); i++) {
            BenchResult r = results.get(i);
            s.append(String.format(Locale.ROOT,
                    "    {\"scenario\": \"%s\", \"per\": \"%s\", \"backend\": \"%s\", \"nsPerOp\": %s, \"error\": %s,"
                            + " \"allocBytesPerOp\": %s}%s%n",
                    r.scenario().id, r.scenario().per, r.backend(), num(r.nanos()), num(r.error()), num(r.allocBytes()),
                    i + 1 < results.size() ? "," : ""));
        }
        return s.append("  ]\n}\n").toString();
    }

    private static String num(Double x) {
        return x == null || x.isNaN() || x.isInfinite() ? "null" : String.format(Locale.ROOT, "%.3f", x);
    }
}
