package dev.jzx.bench;

import dev.jzx.spi.Backends;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code jzx} command: {@code doctor} says which backend this machine gets and why;
 * {@code bench} measures every backend next to the JDK {@code Selector} and the C floor.
 */
public final class JzxCommand {
    static final String USAGE = String.join("\n",
            "usage: java -jar jzx.jar <command> [options]",
            "  doctor                 every backend found, available or not and why, what Loop.open() picks",
            "  bench [options]        benchmarks: each backend vs JDK Selector and the C floor",
            "      --long             longer iterations (about 8 minutes instead of 2)",
            "      --backends a,b     backends to measure (default: every available one)",
            "      --scenarios a,b    of " + String.join(",", Scenario.names()) + " (default: all)",
            "      --json FILE        raw results as JSON",
            "      --chart FILE.svg   chart of the table (default: jzx-bench.svg)",
            "      --no-c-floor       skip compiling and running the C floor",
            "      --rounds N         the whole sitting N times, each round with its own C floor;",
            "                         the table gives medians, then every round's ratios",
            "  jmh [JMH options]      the JMH runner itself, for any benchmark in this jar",
            "flags: -Djzx.backend=NAME forces a backend; -Djzx.backend.preference=a,b reorders");

    private JzxCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            checkForcedBackend();
            switch (args[0]) {
                case "doctor":
                    if (rest.length > 0) {
                        throw new UsageException("doctor takes no options, got " + rest[0]);
                    }
                    return new Doctor(out).run();
                case "bench":
                    return new BenchCommand(BenchOptions.parse(rest), out, err).run();
                case "jmh":
                    org.openjdk.jmh.Main.main(forksWithNativeAccess(rest));
                    return 0;
                default:
                    throw new UsageException("unknown command '" + args[0] + "'");
            }
        } catch (UsageException e) {
            err.println("jzx: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (dev.jzx.BackendUnavailableException e) {
            err.println("jzx: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("jzx: " + e);
            return 1;
        }
    }

    /**
     * A backend forced with {@code -Djzx.backend} that cannot be opened ends every command at once,
     * in one line that names it, the cause and the backends that are available.
     */
    private static void checkForcedBackend() {
        if (Backends.forced() != null) {
            Backends.open().close();
        }
    }

    /** A bad command line: reported in one line, with the usage, exit status 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * JMH's forks do not inherit this jar's {@code Enable-Native-Access}: on JDK 22+ they get the
     * flag, so the FFM adapters run there without a warning, and on JDK 23+ JMH's own use of
     * {@code sun.misc.Unsafe} is allowed, so that no fork prints four lines of warnings about it
     * (both kept out when the caller sets {@code -jvmArgsAppend} itself).
     */
    static String[] forksWithNativeAccess(String[] jmhArgs) {
        List<String> forkArgs = forkJvmArgs();
        if (forkArgs.isEmpty() || Arrays.asList(jmhArgs).contains("-jvmArgsAppend")) {
            return jmhArgs;
        }
        String[] with = Arrays.copyOf(jmhArgs, jmhArgs.length + 2);
        with[jmhArgs.length] = "-jvmArgsAppend";
        with[jmhArgs.length + 1] = String.join(" ", forkArgs);
        return with;
    }

    /** {@return what every JMH fork of this JDK is started with (see {@link #forksWithNativeAccess})} */
    static List<String> forkJvmArgs() {
        List<String> args = new ArrayList<>();
        int feature = Runtime.version().feature();
        if (feature >= 22) {
            args.add("--enable-native-access=ALL-UNNAMED");
        }
        if (feature >= 23) {
            args.add("--sun-misc-unsafe-memory-access=allow");
        }
        return args;
    }
}
