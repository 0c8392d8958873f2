package dev.jzx.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code jzx bench --rounds N}: the sitting repeated N times, each round with its own C floor,
 * so that every ratio divides two figures measured a minute apart at most. On a shared machine
 * whose speed drifts by 10% over minutes, the ratios of one round are what compare; across
 * rounds, their medians and spread.
 */
final class Rounds {
    /** What one round measured: its C floor, then every contender of every scenario. */
    record Round(CFloor.Figures floor, List<BenchResult> results) {
    }

    private final List<Round> rounds;

    Rounds(List<Round> rounds) {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("no round was measured");
        }
        this.rounds = List.copyOf(rounds);
    }

    /** {@return every round, in the order measured} */
    List<Round> all() {
        return rounds;
    }

    /**
     * @return one result per contender: the median time over the rounds (the confidence
     *         interval of a single round is kept only when there is one), median allocation
     */
    List<BenchResult> medians() {
        if (rounds.size() == 1) {
            return rounds.get(0).results();
        }
        List<BenchResult> out = new ArrayList<>();
        for (Map.Entry<String, List<BenchResult>> e : byContender().entrySet()) {
            List<BenchResult> rs = e.getValue();
            BenchResult first = rs.get(0);
            out.add(new BenchResult(first.scenario(), first.backend(), median(rs, BenchResult::nanos), Double.NaN,
                    median(rs, BenchResult::allocBytes)));
        }
        return out;
    }

    /** @return the C floor whose every figure is the median of the rounds' */
    CFloor.Figures medianFloor() {
        if (rounds.size() == 1) {
            return rounds.get(0).floor();
        }
        return new CFloor.Figures(floorMedian(CFloor.Figures::epoll), floorMedian(CFloor.Figures::uring),
                floorMedian(CFloor.Figures::uringMultishot), floorMedian(CFloor.Figures::fanInEpoll),
                floorMedian(CFloor.Figures::fanInUring), floorMedian(CFloor.Figures::openCloseEpoll),
                floorMedian(CFloor.Figures::openCloseUring), "medians of " + rounds.size() + " rounds, "
                + rounds.get(0).floor().note());
    }

    /**
     * The ratios of every round, per contender: against the C floor of the same round, and
     * against the scenario's baseline (the JDK peer) of the same round, with how many rounds
     * had the contender behind that baseline.
     */
    String render() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "%nper round (%d rounds, each with its own C floor):%n%-15s %-13s %-26s %-34s%n", rounds.size(),
                "scenario", "backend", "vs C: median (each round)", "vs baseline: median (each), behind"));
        for (Map.Entry<String, List<BenchResult>> e : byContender().entrySet()) {
            BenchResult first = e.getValue().get(0);
            if (first.backend().equals(first.scenario().baseline())) {
                continue;
            }
            List<Double> vsC = new ArrayList<>();
            List<Double> vsBase = new ArrayList<>();
            for (Round r : rounds) {
                BenchResult mine = find(r, first.scenario(), first.backend());
                BenchResult base = find(r, first.scenario(), first.scenario().baseline());
                Double c = r.floor().forScenario(first.scenario(), first.backend());
                if (mine != null && c != null) {
                    vsC.add(mine.nanos() / c);
                }
                if (mine != null && base != null) {
                    vsBase.add(mine.nanos() / base.nanos());
                }
            }
            long behind = vsBase.stream().filter(x -> x > 1).count();
            s.append(String.format(Locale.ROOT, "%-15s %-13s %-26s %-34s%n", first.scenario().id, first.backend(),
                    spread(vsC), vsBase.isEmpty() ? "" : spread(vsBase) + ", " + behind + " of " + vsBase.size()));
        }
        s.append("ratios are time / time: below 1.00 is faster than the C floor or the baseline.\n");
        return s.toString();
    }

    private Map<String, List<BenchResult>> byContender() {
        Map<String, List<BenchResult>> m = new LinkedHashMap<>();
        for (Round r : rounds) {
            for (BenchResult b : r.results()) {
                m.computeIfAbsent(b.scenario().id + " " + b.backend(), k -> new ArrayList<>()).add(b);
            }
        }
        return m;
    }

    private static BenchResult find(Round r, Scenario s, String backend) {
        for (BenchResult b : r.results()) {
            if (b.scenario() == s && b.backend().equals(backend)) {
                return b;
            }
        }
        return null;
    }

    private Double floorMedian(Function<CFloor.Figures, Double> figure) {
        List<Double> xs = new ArrayList<>();
        for (Round r : rounds) {
            Double x = figure.apply(r.floor());
            if (x != null) {
                xs.add(x);
            }
        }
        return xs.isEmpty() ? null : median(xs);
    }

    private static double median(List<BenchResult> rs, Function<BenchResult, Double> figure) {
        List<Double> xs = new ArrayList<>();
        for (BenchResult r : rs) {
            double x = figure.apply(r);
            if (!Double.isNaN(x)) {
                xs.add(x);
            }
        }
        return xs.isEmpty() ? Double.NaN : median(xs);
    }

    /** The median, the upper one of an even count (a ratio is not flattered by averaging). */
    static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static String spread(List<Double> ratios) {
        if (ratios.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%.2f (", median(ratios)));
        for (int i = 0; i < ratios.size(); i++) {
            s.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f", ratios.get(i)));
        }
        return s.append(')').toString();
    }
}
