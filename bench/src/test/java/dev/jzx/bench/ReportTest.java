package dev.jzx.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The table, JSON and chart render what was measured, with the right ratios. */
class ReportTest {
    private final List<BenchResult> results = List.of(
            new BenchResult(Scenario.PINGPONG, BenchResult.SELECTOR, 4000, 100, 32),
            new BenchResult(Scenario.PINGPONG, "epoll", 2000, 50, 0),
            new BenchResult(Scenario.PINGPONG, "io_uring", 5000, 60, 16),
            new BenchResult(Scenario.FANIN, "epoll", 36, 1, 0));
    private final CFloor.Figures floor = new CFloor.Figures(1600.0, 2000.0, 1900.0, 30.0, 120.0, 60_000.0, 160_000.0,
            "test");

    @Test
    void theTableGivesRatiosToTheSelectorAndTheCFloor() {
        String table = new ReportTable(results, floor).render();
        String epoll = table.lines().filter(l -> l.contains(" epoll ")).findFirst().orElseThrow();
        assertTrue(epoll.contains("2.00x faster"), epoll);
        assertTrue(epoll.contains("1.25x"), "epoll 2000 ns over its C floor 1600 ns: " + epoll);
        String uring = table.lines().filter(l -> l.contains(" io_uring ")).findFirst().orElseThrow();
        assertTrue(uring.contains("1.25x slower"), uring);
        assertTrue(uring.contains("2.50x"), "io_uring 5000 ns over its C floor 2000 ns: " + uring);
        String fanIn = table.lines().filter(l -> l.startsWith("fanin")).findFirst().orElseThrow();
        assertTrue(fanIn.contains("1.20x"), "fan-in 36 ns over its C floor 30 ns: " + fanIn);
    }

    @Test
    void theJsonHasEveryResult() {
        String json = JsonReport.render(results, floor);
        assertEquals(4, json.split("\"scenario\"", -1).length - 1);
        assertTrue(json.contains("\"backend\": \"epoll\", \"nsPerOp\": 2000.000"), json);
        assertTrue(json.contains("\"epoll\": 1600.000"), json);
        assertTrue(json.contains("\"cFloorFanInNsPerEvent\": {\"epoll\": 30.000, \"io_uring\": 120.000}"), json);
    }

    @Test
    void roundsGiveMediansAndEveryRoundsRatiosToItsOwnFloor() {
        CFloor.Figures slowFloor = new CFloor.Figures(2000.0, 2500.0, 2400.0, 40.0, 150.0, 70_000.0, 170_000.0, "test");
        Rounds rounds = new Rounds(List.of(
                new Rounds.Round(floor, results),
                new Rounds.Round(slowFloor, List.of(
                        new BenchResult(Scenario.PINGPONG, BenchResult.SELECTOR, 4400, 100, 32),
                        new BenchResult(Scenario.PINGPONG, "epoll", 2200, 50, 0),
                        new BenchResult(Scenario.PINGPONG, "io_uring", 4000, 60, 16),
                        new BenchResult(Scenario.FANIN, "epoll", 44, 1, 0))),
                new Rounds.Round(floor, List.of(
                        new BenchResult(Scenario.PINGPONG, BenchResult.SELECTOR, 3000, 100, 32),
                        new BenchResult(Scenario.PINGPONG, "epoll", 2400, 50, 0),
                        new BenchResult(Scenario.PINGPONG, "io_uring", 3300, 60, 16),
                        new BenchResult(Scenario.FANIN, "epoll", 33, 1, 0)))));
        BenchResult epoll = rounds.medians().stream()
                .filter(r -> r.scenario() == Scenario.PINGPONG && r.backend().equals("epoll")).findFirst().orElseThrow();
        assertEquals(2200, epoll.nanos());
        assertEquals(1600.0, rounds.medianFloor().epoll());
        String table = rounds.render();
        String uring = table.lines().filter(l -> l.startsWith("pingpong") && l.contains(" io_uring ")).findFirst()
                .orElseThrow();
        // vs C: 5000/2000, 4000/2500, 3300/2000; vs the Selector: 1.25, 0.91, 1.10 (behind in two rounds)
        assertTrue(uring.contains("1.65 (2.50 1.60 1.65)"), uring);
        assertTrue(uring.contains("1.10 (1.25 0.91 1.10), 2 of 3"), uring);
        assertTrue(table.lines().noneMatch(l -> l.contains(BenchResult.SELECTOR)), "the baseline is not compared with itself");
        String json = JsonReport.render(rounds.medians(), rounds.medianFloor(), rounds.all());
        assertEquals(4, json.split("\"results\"", -1).length - 1, "the medians and each of three rounds: " + json);
        assertTrue(json.contains("\"backend\": \"epoll\", \"nsPerOp\": 2200.000"), json);
        assertTrue(json.contains("\"epoll\": 2000.000"), "the second round's own floor: " + json);
        assertEquals(json.chars().filter(c -> c == '{').count(), json.chars().filter(c -> c == '}').count(), json);
        assertEquals(json.chars().filter(c -> c == '[').count(), json.chars().filter(c -> c == ']').count(), json);
    }

    @Test
    void theChartHasABarPerResult() {
        String svg = SvgChart.render(results);
        assertTrue(svg.startsWith("<svg"));
        assertEquals(4, svg.split("<rect x=", -1).length - 1);
        assertTrue(svg.contains("2.00x faster"), svg);
    }
}
