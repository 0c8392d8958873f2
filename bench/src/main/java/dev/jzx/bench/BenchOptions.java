package dev.jzx.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The command line of {@code jzx bench}. */
record BenchOptions(boolean longRun, List<String> backends, List<Scenario> scenarios, Path json, Path chart,
                    boolean cFloor, int rounds) {

    static BenchOptions parse(String[] args) {
        boolean longRun = false;
        boolean cFloor = true;
        List<String> backends = List.of();
        List<Scenario> scenarios = Arrays.asList(Scenario.values());
        Path json = null;
        Path chart = Path.of("jzx-bench.svg");
        int rounds = 1;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--long":
                    longRun = true;
                    break;
                case "--no-c-floor":
                    cFloor = false;
                    break;
                case "--backends":
                    backends = List.of(value(args, ++i, a).split(","));
                    break;
                case "--scenarios":
                    scenarios = Scenario.select(List.of(value(args, ++i, a).split(",")));
                    break;
                case "--json":
                    json = Path.of(value(args, ++i, a));
                    break;
                case "--rounds":
                    rounds = rounds(value(args, ++i, a));
                    break;
                case "--chart":
                    chart = Path.of(value(args, ++i, a));
                    break;
                default:
                    throw new JzxCommand.UsageException("unknown bench option '" + a + "'");
            }
        }
        return new BenchOptions(longRun, backends, scenarios, json, chart, cFloor, rounds);
    }

    private static int rounds(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new JzxCommand.UsageException("--rounds needs a whole number of at least 1, not '" + value + "'");
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new JzxCommand.UsageException(option + " needs a value");
        }
        return args[i];
    }
}
