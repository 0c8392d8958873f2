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
    void theChartHasABarPerResult() {
        String svg = SvgChart.render(results);
        assertTrue(svg.startsWith("<svg"));
        assertEquals(4, svg.split("<rect x=", -1).length - 1);
        assertTrue(svg.contains("2.00x faster"), svg);
    }
}
