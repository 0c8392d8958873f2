package dev.jzx.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bench table as an SVG bar chart: one panel per scenario, one bar per backend, the bar's
 * length the time per operation relative to the slowest in that panel (scenarios differ by
 * orders of magnitude, so each panel has its own scale), labelled with ns and the ratio to the
 * JDK Selector.
 */
final class SvgChart {
    private static final int WIDTH = 760;
    private static final int LABEL = 150;
    private static final int BAR = 18;
    private static final String[] COLOURS = {"#888888", "#2f6fb0", "#d9822b", "#3c9a5f", "#9a3c8c"};

    private SvgChart() {
    }

    static String render(List<BenchResult> results) {
        Map<Scenario, List<BenchResult>> panels = new LinkedHashMap<>();
        for (BenchResult r : results) {
            panels.computeIfAbsent(r.scenario(), k -> new ArrayList<>()).add(r);
        }
        List<String> backends = new ArrayList<>();
        for (BenchResult r : results) {
            if (!backends.contains(r.backend())) {
                backends.add(r.backend());
            }
        }
        int height = 60;
        for (List<BenchResult> p : panels.values()) {
            height += 28 + p.size() * (BAR + 4);
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        s.append("<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">jzx bench: ns per operation "
                + "(shorter is better)</text>\n");
        int y = 48;
        for (Map.Entry<Scenario, List<BenchResult>> panel : panels.entrySet()) {
            Scenario sc = panel.getKey();
            s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" font-weight=\"bold\">%s</text>%n", y + 4,
                    escape(sc.title + " (ns per " + sc.per + ")")));
            y += 12;
            double max = panel.getValue().stream().mapToDouble(BenchResult::nanos).max().orElse(1);
            double jdk = panel.getValue().stream().filter(r -> r.backend().equals(r.scenario().baseline()))
                    .mapToDouble(BenchResult::nanos).findFirst().orElse(Double.NaN);
            for (BenchResult r : panel.getValue()) {
                int len = (int) Math.max(1, (WIDTH - LABEL - 250) * r.nanos() / max);
                String colour = COLOURS[backends.indexOf(r.backend()) % COLOURS.length];
                String ratio = r.backend().equals(r.scenario().baseline()) || Double.isNaN(jdk) ? ""
                        : " (" + ReportTable.versus(jdk, r.nanos()) + ")";
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                        LABEL - 6, y + BAR - 5, escape(r.backend())));
                s.append(String.format(Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n", LABEL, y, len, BAR, colour));
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s%s</text>%n", LABEL + len + 6,
                        y + BAR - 5, ReportTable.number(r.nanos()) + " ns", escape(ratio)));
                y += BAR + 4;
            }
            y += 16;
        }
        return s.append("</svg>\n").toString();
    }

    private static String escape(String x) {
        return x.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
