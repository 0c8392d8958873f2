package dev.jzx.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The C floors (the project's {@code shared/baseline}, shipped in this jar): the ping-pong's
 * waits, reads and writes with raw system calls, fan-in ({@code fanin.c}: 1,000 always-ready
 * pipes per wait, epoll and io_uring one-shot re-arm), and opening and closing a loop
 * ({@code setup_uring.c}: io_uring_setup with the backend's sizes + the three mmaps + close, and
 * epoll_create1 + eventfd + close). Compiled with gcc and run in the same sitting as the Java
 * benchmarks, so a ratio to it means something on a noisy machine.
 */
final class CFloor {
    private static final Pattern LINE = Pattern.compile("(\\S+)-c pingpong(?: \\(([^)]+)\\))?: (\\d+) ns/event");
    private static final Pattern FAN_IN = Pattern.compile("(\\S+)-c fanin(?: \\([^)]*\\))?: (\\d+) ns/event");
    private static final Pattern OPEN_CLOSE = Pattern.compile("(\\S+)-c open\\+close(?: \\([^)]*\\))?: (\\d+) ns/loop");
    private static final String EVENTS = "200000";
    private static final String LOOPS = "2000";
    private static final String FAN_IN_RUNS = "2000";

    /**
     * Median ns per event of each C ping-pong variant (epoll / io_uring / io_uring-multishot) and
     * of fan-in (epoll / io_uring one-shot), and median ns per open+close of an epoll and an
     * io_uring loop.
     */
    record Figures(Double epoll, Double uring, Double uringMultishot, Double fanInEpoll, Double fanInUring,
                   Double openCloseEpoll, Double openCloseUring, String note) {
        static final Figures NONE = unavailable("not measured (--no-c-floor)");

        static Figures unavailable(String why) {
            return new Figures(null, null, null, null, null, null, null, why);
        }

        /** @return the C floor of that scenario for that backend, or null where there is none */
        Double forScenario(Scenario scenario, String backend) {
            if (scenario == Scenario.PINGPONG) {
                return "epoll".equals(backend) ? epoll : "io_uring".equals(backend) ? uring : null;
            }
            if (scenario == Scenario.FANIN) {
                return "epoll".equals(backend) ? fanInEpoll : "io_uring".equals(backend) ? fanInUring : null;
            }
            if (scenario == Scenario.OPEN_CLOSE) {
                return "epoll".equals(backend) ? openCloseEpoll : "io_uring".equals(backend) ? openCloseUring : null;
            }
            return null;
        }
    }

    private CFloor() {
    }

    static Figures measure(PrintStream err) {
        err.print("\r[ C ] compiling and running the C floor...");
        err.flush();
        try {
            Path dir = Files.createTempDirectory("jzx-cfloor");
            try {
                return build(dir);
            } finally {
                try (var files = Files.list(dir)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            return Figures.unavailable("unavailable: " + e.getMessage());
        }
    }

    private static Figures build(Path dir) throws IOException, InterruptedException {
        List<Double> epoll = new ArrayList<>();
        List<Double> uring = new ArrayList<>();
        List<Double> multishot = new ArrayList<>();
        for (String name : new String[] {"pingpong_epoll", "pingpong_uring", "fanin", "setup_uring"}) {
            Path src = dir.resolve(name + ".c");
            try (InputStream in = CFloor.class.getResourceAsStream("/c/" + name + ".c")) {
                if (in == null) {
                    throw new IOException(name + ".c is not in the jar");
                }
                Files.copy(in, src);
            }
            exec(dir, "gcc", "-O2", "-o", dir.resolve(name).toString(), src.toString());
        }
        parse(exec(dir, dir.resolve("pingpong_epoll").toString(), EVENTS), epoll, uring, multishot);
        parse(exec(dir, dir.resolve("pingpong_uring").toString(), EVENTS), epoll, uring, multishot);
        parse(exec(dir, dir.resolve("pingpong_uring").toString(), EVENTS, "multi"), epoll, uring, multishot);
        List<Double> fanInEpoll = new ArrayList<>();
        List<Double> fanInUring = new ArrayList<>();
        Matcher f = FAN_IN.matcher(exec(dir, dir.resolve("fanin").toString(), FAN_IN_RUNS)); // 3 rounds of each
        while (f.find()) {
            (f.group(1).equals("epoll") ? fanInEpoll : fanInUring).add(Double.parseDouble(f.group(2)));
        }
        List<Double> openEpoll = new ArrayList<>();
        List<Double> openUring = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            Matcher m = OPEN_CLOSE.matcher(exec(dir, dir.resolve("setup_uring").toString(), LOOPS));
            while (m.find()) {
                (m.group(1).equals("epoll") ? openEpoll : openUring).add(Double.parseDouble(m.group(2)));
            }
        }
        return new Figures(median(epoll), median(uring), median(multishot), median(fanInEpoll), median(fanInUring),
                median(openEpoll), median(openUring), "gcc -O2, " + EVENTS + " events x 3 rounds, fan-in "
                + FAN_IN_RUNS + " runs x 3 rounds, " + LOOPS + " open+close x 3 rounds");
    }

    private static void parse(String output, List<Double> epoll, List<Double> uring, List<Double> multishot) {
        Matcher m = LINE.matcher(output);
        while (m.find()) {
            double ns = Double.parseDouble(m.group(3));
            if (m.group(1).equals("epoll")) {
                epoll.add(ns);
            } else if ("multishot".equals(m.group(2))) {
                multishot.add(ns);
            } else {
                uring.add(ns);
            }
        }
    }

    private static String exec(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command).replace(dir + "/", "") + " failed: " + output.strip());
        }
        return output;
    }

    private static Double median(List<Double> xs) {
        return xs.isEmpty() ? null : Rounds.median(xs);
    }
}
