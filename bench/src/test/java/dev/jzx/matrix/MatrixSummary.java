package dev.jzx.matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Prints, at the end of {@code mvn verify}, what each leg of the backend matrix did: tests
 * run, passed, failed, skipped, and why it skipped. Reads the failsafe reports of each leg's
 * own directory under {@code target/matrix}.
 */
public final class MatrixSummary {
    private static final Pattern SUITE = Pattern.compile(
            "<testsuite [^>]*?tests=\"(\\d+)\"[^>]*?errors=\"(\\d+)\"[^>]*?skipped=\"(\\d+)\"[^>]*?failures=\"(\\d+)\"");
    /** A skip's reason: surefire writes it as an attribute, or as the abort exception's text. */
    private static final Pattern SKIP = Pattern.compile(
            "<skipped(?: message=\"([^\"]*)\")?[^>]*>(?:<!\\[CDATA\\[(?:[\\w.]+Exception: )?([^\\n]*))?");

    private MatrixSummary() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        if (!Files.isDirectory(root)) {
            System.out.println("[matrix] no legs ran (" + root + " missing)");
            return;
        }
        List<Path> legs;
        try (Stream<Path> s = Files.list(root)) {
            legs = s.filter(Files::isDirectory).sorted().toList();
        }
        System.out.println();
        System.out.println("Backend matrix (each leg its own JVM, backend chosen by its flags):");
        System.out.printf("  %-11s %5s %6s %6s %7s  %s%n", "leg", "ran", "passed", "failed", "skipped", "why skipped");
        for (Path leg : legs) {
            int tests = 0;
            int failed = 0;
            int skipped = 0;
            Set<String> reasons = new LinkedHashSet<>();
            List<Path> reports;
            try (Stream<Path> s = Files.list(leg)) {
                reports = s.filter(p -> p.getFileName().toString().startsWith("TEST-")).toList();
            }
            for (Path r : reports) {
                String xml = Files.readString(r);
                Matcher m = SUITE.matcher(xml);
                if (m.find()) {
                    tests += Integer.parseInt(m.group(1));
                    failed += Integer.parseInt(m.group(2)) + Integer.parseInt(m.group(4));
                    skipped += Integer.parseInt(m.group(3));
                }
                Matcher sk = SKIP.matcher(xml);
                while (sk.find()) {
                    String reason = sk.group(1) != null ? sk.group(1) : sk.group(2);
                    if (reason != null && !reason.isBlank()) {
                        reasons.add(unescape(reason));
                    }
                }
            }
            List<String> why = new ArrayList<>(reasons);
            System.out.printf("  %-11s %5d %6d %6d %7d  %s%n", leg.getFileName(), tests - skipped, tests - skipped - failed,
                    failed, skipped, why.isEmpty() ? "" : String.join("; ", why.subList(0, Math.min(2, why.size()))));
        }
        System.out.println();
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&apos;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
