package dev.jzx.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A benchmark scenario of {@code jzx bench}: our benchmark, run once per backend, and the peers
 * it is compared with in the same sitting (the first is the baseline of the ratios), with their
 * parameters.
 */
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
            OpenCloseBenchmark.class, "openClose", SelectorOpenCloseBenchmark.class, "openClose", Map.of()),
    TIMERS_CANCEL("timers-cancel", "schedule + cancel, 1,000,000 timers pending", "pair", "scheduleCancel", -1),
    TIMERS_FIRE("timers-fire", "timers firing, 1,000,000 pending", "fire", "fire", -1),
    TIMERS_LATE_P50("timers-late-p50", "a 1 ms timer on an idle loop: lateness, median", "fire", "lateness", 50),
    TIMERS_LATE_P99("timers-late-p99", "a 1 ms timer on an idle loop: lateness, 99th percentile", "fire", "lateness", 99),
    VTHREADS_100("vthreads-100", "100 virtual threads ping-pong in pairs, Poller.await vs JDK Pipe", 100,
            VThreadsBenchmark.VIRTUAL),
    VTHREADS_1000("vthreads-1000", "1,000 virtual threads ping-pong in pairs, Poller.await vs JDK Pipe", 1000,
            VThreadsBenchmark.VIRTUAL),
    VTHREADS_4000("vthreads-4000", "4,000 virtual threads ping-pong in pairs, Poller.await vs JDK Pipe", 4000,
            VThreadsBenchmark.VIRTUAL),
    AWAIT_PLATFORM("await-platform", "2 platform threads ping-pong, Poller.await vs blocking JDK Pipe", 2,
            VThreadsBenchmark.PLATFORM);

    /** What a scenario is compared with: a label in the report, a benchmark, its parameters. */
    record Peer(String label, String benchmark, Map<String, String> params) {
    }

    static final String TIMERS = "timers";
    static final String VTHREADS = "vthreads";
    static final String JDK_VTHREADS = "jdk-vthreads";
    static final String JDK_BLOCKING = "jdk-blocking";

    final String id;
    final String title;
    final String per;
    final String ours;
    final List<Peer> peers;
    final Map<String, String> params;
    /** Negative: report the mean time per operation; else this percentile of sampled times. */
    final double percentile;
    /** Subtracted from every reported time (a timer's own delay, to leave its lateness). */
    final double offsetNanos;

    Scenario(String id, String title, String per, Class<?> ours, String oursMethod, Class<?> jdk, String jdkMethod,
             Map<String, String> params) {
        this(id, title, per, ours.getName() + "." + oursMethod,
                List.of(new Peer(BenchResult.SELECTOR, jdk.getName() + "." + jdkMethod, Map.of())), params, -1, 0);
    }

    /** A timers scenario: {@link TimerBenchmark} against the JDK's and Netty's timers in {@link TimerPeerBenchmark}. */
    Scenario(String id, String title, String per, String method, double percentile) {
        this(id, title, per, TimerBenchmark.class.getName() + "." + method, List.of(
                        new Peer("jdk-stpe", TimerPeerBenchmark.class.getName() + "." + method, Map.of("peer", "stpe")),
                        new Peer("netty-wheel", TimerPeerBenchmark.class.getName() + "." + method,
                                Map.of("peer", "hashed-wheel"))),
                Map.of("pending", method.equals("lateness") ? "0" : String.valueOf(TimerPeers.PENDING)),
                percentile, method.equals("lateness") ? 1_000_000 : 0);
    }

    /** A thread scenario: {@link VThreadsBenchmark} on a poller against the same program on JDK pipes. */
    Scenario(String id, String title, int threads, String kind) {
        this(id, title, "event", VThreadsBenchmark.class.getName() + ".pingPong",
                List.of(new Peer(kind.equals(VThreadsBenchmark.VIRTUAL) ? JDK_VTHREADS : JDK_BLOCKING,
                        VThreadsBenchmark.class.getName() + ".pingPong", Map.of("backend", VThreadsBenchmark.JDK))),
                Map.of("threads", String.valueOf(threads), "kind", kind), -1, 0);
    }

    /** @return whether it needs virtual threads (JDK 21 or later) */
    boolean needsVirtualThreads() {
        return this == VTHREADS_100 || this == VTHREADS_1000 || this == VTHREADS_4000;
    }

    Scenario(String id, String title, String per, String ours, List<Peer> peers, Map<String, String> params,
             double percentile, double offsetNanos) {
        this.id = id;
        this.title = title;
        this.per = per;
        this.ours = ours;
        this.peers = peers;
        this.params = params;
        this.percentile = percentile;
        this.offsetNanos = offsetNanos;
    }

    /** @return the label of the peer the ratios are taken against */
    String baseline() {
        return peers.get(0).label();
    }

    static List<String> names() {
        List<String> names = new ArrayList<>(Arrays.stream(values()).map(s -> s.id).toList());
        names.add(TIMERS);
        names.add(VTHREADS);
        return names;
    }

    /** @return the scenario named {@code id}, or every timers scenario for {@value #TIMERS} */
    static List<Scenario> select(String id) {
        if (id.equals(TIMERS)) {
            return List.of(TIMERS_CANCEL, TIMERS_FIRE, TIMERS_LATE_P50, TIMERS_LATE_P99);
        }
        if (id.equals(VTHREADS)) {
            return List.of(VTHREADS_100, VTHREADS_1000, VTHREADS_4000, AWAIT_PLATFORM);
        }
        return List.of(byId(id));
    }

    /** @return the scenarios named, each once, in the order named */
    static List<Scenario> select(List<String> ids) {
        LinkedHashSet<Scenario> chosen = new LinkedHashSet<>();
        for (String id : ids) {
            chosen.addAll(select(id.trim()));
        }
        return List.copyOf(chosen);
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
