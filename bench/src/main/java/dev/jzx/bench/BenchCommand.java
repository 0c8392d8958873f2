package dev.jzx.bench;

import dev.jzx.spi.KernelAdapter;

import dev.jzx.spi.BackendProvider;
import dev.jzx.spi.Backends;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code jzx bench}: every scenario on every chosen backend and on the JDK Selector, each in
 * its own forked JVM through JMH with its GC profiler, then the table, the JSON and the chart;
 * with {@code --rounds N}, N such sittings, each with its own C floor, reported as medians and
 * every round's ratios ({@link Rounds}).
 */
final class BenchCommand {
    private final BenchOptions options;
    private final PrintStream out;
    private final PrintStream err;
    /** Measurements made and to make, for the progress line. */
    private int done;
    private int total;

    BenchCommand(BenchOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    int run() throws IOException, RunnerException {
        List<String> backends = backends();
        List<Scenario> scenarios = new ArrayList<>();
        int perRound = 0;
        for (Scenario s : options.scenarios()) {
            if (s.needsVirtualThreads() && !VThreadsBenchmark.available()) {
                err.println("skipping " + s.id + ": virtual threads need JDK 21 or later, this is JDK "
                        + Runtime.version().feature());
                continue;
            }
            scenarios.add(s);
            perRound += s.peers.size() + backends.size();
        }
        List<Rounds.Round> measured = new ArrayList<>();
        total = perRound * options.rounds();
        for (int round = 0; round < options.rounds(); round++) {
            measured.add(measureRound(scenarios, backends));
        }
        Rounds rounds = new Rounds(measured);
        List<BenchResult> results = rounds.medians();
        CFloor.Figures floor = rounds.medianFloor();
        err.print("\r" + " ".repeat(78) + "\r");
        out.println("kernel adapters: " + backends.stream().map(b -> b + " " + Backends.ordered().stream()
                .filter(p -> p.name().equals(b)).map(BackendProvider::adapter).findFirst().orElse("?")).collect(java.util.stream.Collectors.joining(", "))
                + " (JDK " + Runtime.version().feature() + ")");
        ReportTable table = new ReportTable(results, floor);
        out.print(table.render());
        if (options.rounds() > 1) {
            out.print(rounds.render());
        }
        if (options.json() != null) {
            Files.writeString(options.json(), JsonReport.render(results, floor, rounds.all()));
            out.println("raw results: " + options.json());
        }
        if (options.chart() != null) {
            Files.writeString(options.chart(), SvgChart.render(results));
            out.println("chart: " + options.chart());
        }
        return 0;
    }

    /** One round: the C floor, then every peer and backend of every scenario, each in its own fork. */
    private Rounds.Round measureRound(List<Scenario> scenarios, List<String> backends) throws RunnerException {
        CFloor.Figures floor = options.cFloor() ? CFloor.measure(err) : CFloor.Figures.NONE;
        List<BenchResult> results = new ArrayList<>();
        for (Scenario s : scenarios) {
            for (Scenario.Peer peer : s.peers) {
                progress(s, peer.label());
                results.add(measure(s, peer.benchmark(), peer.params(), peer.label()));
            }
            for (String b : backends) {
                progress(s, b);
                results.add(measure(s, s.ours, Map.of("backend", b), b));
            }
        }
        return new Rounds.Round(floor, results);
    }

    private List<String> backends() {
        List<String> available = new ArrayList<>();
        for (BackendProvider p : Backends.ordered()) {
            if (Backends.availability(p).isAvailable()) {
                available.add(p.name());
            }
        }
        if (options.backends().isEmpty()) {
            if (available.isEmpty()) {
                throw new JzxCommand.UsageException("no backend is available here (see jzx doctor)");
            }
            return available;
        }
        for (String b : options.backends()) {
            if (!available.contains(b)) {
                throw new JzxCommand.UsageException("backend '" + b + "' is not available here; available: "
                        + (available.isEmpty() ? "none" : String.join(", ", available)));
            }
        }
        return options.backends();
    }

    private void progress(Scenario s, String backend) {
        err.printf("\r[%2d/%d] %-15s %-13s measuring...%s", ++done, total, s.id, backend, " ".repeat(20));
        err.flush();
    }

    private BenchResult measure(Scenario s, String benchmark, Map<String, String> params, String label)
            throws RunnerException {
        ChainedOptionsBuilder o = new OptionsBuilder()
                .include("^" + java.util.regex.Pattern.quote(benchmark) + "$")
                .forks(1)
                .warmupIterations(options.longRun() ? 3 : 2)
                .warmupTime(TimeValue.milliseconds(options.longRun() ? 1000 : 400))
                .measurementIterations(options.longRun() ? 5 : 3)
                .measurementTime(TimeValue.milliseconds(options.longRun() ? 2000 : 500))
                .addProfiler(GCProfiler.class)
                .verbosity(VerboseMode.SILENT)
                .shouldFailOnError(true);
        List<String> forkArgs = JzxCommand.forkJvmArgs();
        if (!forkArgs.isEmpty()) {
            o.jvmArgsAppend(forkArgs.toArray(String[]::new)); // the FFM adapters (or Netty's JNI), quietly
        }
        String adapter = System.getProperty(KernelAdapter.PROPERTY);
        if (adapter != null) {
            o.jvmArgsAppend("-D" + KernelAdapter.PROPERTY + "=" + adapter);
        }
        for (Map.Entry<String, String> p : s.params.entrySet()) {
            o.param(p.getKey(), p.getValue());
        }
        for (Map.Entry<String, String> p : params.entrySet()) {
            o.param(p.getKey(), p.getValue());
        }
        Collection<RunResult> runs = new Runner(o.build()).run();
        RunResult r = runs.iterator().next();
        Result<?> primary = r.getPrimaryResult();
        double alloc = Double.NaN;
        for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                alloc = e.getValue().getScore();
            }
        }
        if (s.percentile >= 0) { // sampled: a percentile of the single operations, no interval
            double nanos = primary.getStatistics().getPercentile(s.percentile) * nanosPer(primary.getScoreUnit());
            return new BenchResult(s, label, nanos - s.offsetNanos, Double.NaN, alloc);
        }
        return new BenchResult(s, label, primary.getScore(), primary.getScoreError(), alloc);
    }

    /** @return nanoseconds per unit of a JMH time-per-operation unit such as "ms/op" */
    static double nanosPer(String scoreUnit) {
        String unit = scoreUnit.substring(0, scoreUnit.indexOf('/'));
        switch (unit) {
            case "ns":
                return 1;
            case "us":
                return 1e3;
            case "ms":
                return 1e6;
            case "s":
                return 1e9;
            default:
                throw new IllegalStateException("unexpected JMH score unit " + scoreUnit);
        }
    }
}
