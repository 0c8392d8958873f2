package dev.jzx.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A benchmark scenario of {@code jzx bench}: our benchmark and the JDK Selector's, with their parameters. */
enum Scenario {
    PINGPONG("pingpong", "ping-pong, 2 watched fds", "event",
            PingPongBenchmark.class, "pingPong", SelectorPingPongBenchmark.class, "pingPong", Map.of("idleFds", "0")),
    IDLE("idle", "ping-pong beside 10,000 idle watched fds", "event",
            PingPongBenchmark.class, "pingPong", SelectorPingPongBenchmark.class, "pingPong", Map.of("idleFds", "10000")),
    FANIN("fanin", "1,000 ready fds per run", "event",
            FanInBenchmark.class, "fanIn", SelectorFanInBenchmark.class, "fanIn", Map.of()),
    CHURN("churn", "watch + unwatch", "pair",
            ChurnBenchmark.class, "watchUnwatch", SelectorChurnBenchmark.class, "registerCancel", Map.of()),
    WAKEUP_PENDING("wakeup-pending", "wakeup() with one already pending", "call",
            WakeupBenchmark.class, "pending", SelectorWakeupBenchmark.class, "pending", Map.of()),
    WAKEUP_LATENCY("wakeup-latency", "cross-thread wake-up round trip", "round trip",
            WakeupBenchmark.class, "roundTrip", SelectorWakeupBenchmark.class, "roundTrip", Map.of()),
    OPEN_CLOSE("open-close", "Loop.open + close (JDK: Selector.open + close)", "loop",
            OpenCloseBenchmark.class, "openClose", SelectorOpenCloseBenchmark.class, "openClose", Map.of());

    final String id;
    final String title;
    final String per;
    final String ours;
    final String jdk;
    final Map<String, String> params;

    Scenario(String id, String title, String per, Class<?> ours, String oursMethod, Class<?> jdk, String jdkMethod,
             Map<String, String> params) {
        this.id = id;
        this.title = title;
        this.per = per;
        this.ours = ours.getName() + "." + oursMethod;
        this.jdk = jdk.getName() + "." + jdkMethod;
        this.params = params;
    }

    static List<String> names() {
        return Arrays.stream(values()).map(s -> s.id).toList();
    }

    static Scenario byId(String id) {
        for (Scenario s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new JzxCommand.UsageException("unknown scenario '" + id + "'; scenarios: " + String.join(", ", names()));
    }
}
