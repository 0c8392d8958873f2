package dev.jzx.modulepath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jzx-io beside whatever Netty an application carries, each case in a child JVM: on JDK 22+ the
 * FFM adapters need no Netty at all (a named module with only {@code --enable-native-access}
 * for its own modules; a class path without Netty; a class path with Netty 4.1, of which no
 * class is loaded); on JDK 17-21 beside Netty 4.1, {@code Loop.open()} fails with one message
 * naming the version found and the two ways out, and no stack trace.
 *
 * <p>Runs in bench's {@code modulepath} failsafe leg.
 */
class AdapterLaunch {
    /** A child that makes a pipe through FFM (JDK 22+), so that nothing but jzx is needed. */
    private static final String FFM_MAIN = String.join("\n",
            "package jzx.adapter;",
            "",
            "import dev.jzx.Io;",
            "import dev.jzx.Loop;",
            "import dev.jzx.RunMode;",
            "import dev.jzx.spi.BackendProvider;",
            "import dev.jzx.spi.Backends;",
            "import java.lang.foreign.Arena;",
            "import java.lang.foreign.FunctionDescriptor;",
            "import java.lang.foreign.Linker;",
            "import java.lang.foreign.MemorySegment;",
            "import java.lang.foreign.ValueLayout;",
            "import java.lang.invoke.MethodHandle;",
            "",
            "public final class Main {",
            "    public static void main(String[] args) throws Throwable {",
            "        Linker linker = Linker.nativeLinker();",
            "        MethodHandle pipe = linker.downcallHandle(linker.defaultLookup().find(\"pipe\").orElseThrow(),",
            "                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));",
            "        MethodHandle write = linker.downcallHandle(linker.defaultLookup().find(\"write\").orElseThrow(),",
            "                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));",
            "        for (BackendProvider p : Backends.ordered()) {",
            "            System.out.println(\"provider \" + p.name() + \" adapter \" + p.adapter() + \" \" + Backends.availability(p));",
            "        }",
            "        try (Arena arena = Arena.ofConfined()) {",
            "            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);",
            "            if ((int) pipe.invokeExact(fds) != 0) throw new IllegalStateException(\"pipe\");",
            "            int rd = fds.getAtIndex(ValueLayout.JAVA_INT, 0);",
            "            long wrote = (long) write.invokeExact(fds.getAtIndex(ValueLayout.JAVA_INT, 1), arena.allocate(1), 1L);",
            "            for (String backend : args) {",
            "                try (Loop loop = backend.equals(\"default\") ? Loop.open() : Loop.open(backend)) {",
            "                    int[] got = {0};",
            "                    loop.watch(rd, Io.READ, (fd, readiness) -> { got[0] = readiness; return false; });",
            "                    loop.run(RunMode.ONCE);",
            "                    System.out.println(loop.backend() + \" readiness \" + Io.toString(got[0]));",
            "                }",
            "            }",
            "        }",
            "    }",
            "}",
            "");

    /** A child that only opens a loop and says what happened (any JDK). */
    private static final String OPEN_MAIN = String.join("\n",
            "package jzx.adapter;",
            "",
            "import dev.jzx.Loop;",
            "",
            "public final class Open {",
            "    public static void main(String[] args) {",
            "        try (Loop loop = Loop.open()) {",
            "            System.out.println(\"opened \" + loop.backend());",
            "        } catch (RuntimeException e) {",
            "            System.out.println(\"failed: \" + e.getMessage());",
            "        }",
            "    }",
            "}",
            "");

    @TempDir
    Path dir;

    @BeforeEach
    void linux() {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"),
                "the adapters drive the Linux backends");
    }

    /**
     * The jars (or class folders) of jzx's Linux modules, from failsafe's class path. The kqueue
     * backend (macOS, BSD) drives Netty on every JDK and requires it: it is left out.
     */
    private static List<String> jzxModules() {
        List<String> path = ModulePathLaunch.modulePath().stream()
                .filter(e -> !e.replace('\\', '/').matches(".*/netty-[^/]*\\.jar") && !e.contains("kqueue"))
                .collect(Collectors.toList());
        assertTrue(path.stream().anyMatch(e -> e.contains("core")), "jzx-core not on failsafe's class path: " + path);
        return path;
    }

    private static List<String> netty41() throws IOException {
        Path jars = Path.of(System.getProperty("jzx.netty41", "target/netty-4.1"));
        try (Stream<Path> files = Files.list(jars)) {
            List<String> list = files.map(Path::toString).filter(f -> f.endsWith(".jar")).sorted().collect(Collectors.toList());
            assertTrue(list.size() >= 5, "Netty 4.1's jars were not copied into " + jars + ": " + list);
            return list;
        }
    }

    private Path compile(String release, String name, String source, List<String> path, String moduleInfo)
            throws IOException {
        Path src = dir.resolve("src-" + name);
        Files.createDirectories(src.resolve("jzx/adapter"));
        List<String> files = new ArrayList<>();
        files.add(Files.writeString(src.resolve("jzx/adapter/" + name + ".java"), source).toString());
        if (moduleInfo != null) {
            files.add(Files.writeString(src.resolve("module-info.java"), moduleInfo).toString());
        }
        Path classes = dir.resolve("classes-" + name);
        List<String> args = new ArrayList<>(List.of("--release", release, "-d", classes.toString(),
                moduleInfo != null ? "--module-path" : "-cp", String.join(File.pathSeparator, path)));
        args.addAll(files);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, out, out, args.toArray(String[]::new));
        assertEquals(0, rc, "the child does not compile:\n" + out);
        return classes;
    }

    private String run(List<String> cmd) throws IOException, InterruptedException {
        Path out = dir.resolve("child.out");
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM hung");
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), "the child failed\ncommand: " + String.join(" ", cmd) + "\noutput:\n" + output);
        return output;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void assumeFfm() {
        assumeTrue(Runtime.version().feature() >= 22, "the FFM adapters need JDK 22+; this is JDK "
                + Runtime.version().feature() + " (the JDK 25 leg of .ci/run runs this test)");
    }

    @Test
    void aNamedModuleRunsWithoutNettyWithOnlyNativeAccessForItsOwnModules() throws Exception {
        assumeFfm();
        List<String> modules = jzxModules();
        Path classes = compile("22", "Main", FFM_MAIN, modules, "module jzx.adapter {\n    requires dev.jzx.core;\n}\n");
        List<String> cmd = List.of(java(), "--module-path", String.join(File.pathSeparator, modules) + File.pathSeparator
                + classes, "--enable-native-access=dev.jzx.core,dev.jzx.backend.iouring,dev.jzx.backend.epoll,jzx.adapter",
                "-m", "jzx.adapter/jzx.adapter.Main", "io_uring", "epoll", "default");
        String output = run(cmd);
        String context = "\ncommand: " + String.join(" ", cmd) + "\noutput:\n" + output;
        assertTrue(output.contains("provider io_uring adapter ffm available"), context);
        assertTrue(output.contains("provider epoll adapter ffm available"), context);
        assertTrue(output.contains("io_uring readiness READ"), context);
        assertTrue(output.contains("epoll readiness READ"), context);
        assertTrue(output.lines().filter(l -> l.endsWith("readiness READ")).count() == 3, "default backend" + context);
        assertFalse(output.contains("WARNING"), "no warning with only jzx's native access enabled" + context);
    }

    @Test
    void onAClassPathWithoutNettyBothBackendsWork() throws Exception {
        assumeFfm();
        List<String> cp = jzxModules();
        Path classes = compile("22", "Main", FFM_MAIN, cp, null);
        List<String> cmd = List.of(java(), "-cp", String.join(File.pathSeparator, cp) + File.pathSeparator + classes,
                "--enable-native-access=ALL-UNNAMED", "jzx.adapter.Main", "io_uring", "epoll");
        String output = run(cmd);
        String context = "\ncommand: " + String.join(" ", cmd) + "\noutput:\n" + output;
        assertTrue(output.contains("io_uring readiness READ") && output.contains("epoll readiness READ"), context);
        assertFalse(output.contains("WARNING"), context);
    }

    @Test
    void besideNetty41OnJdk22TheFfmAdapterLoadsNoNettyClass() throws Exception {
        assumeFfm();
        List<String> cp = new ArrayList<>(jzxModules());
        cp.addAll(netty41());
        Path classes = compile("22", "Main", FFM_MAIN, jzxModules(), null);
        List<String> cmd = List.of(java(), "-cp", String.join(File.pathSeparator, cp) + File.pathSeparator + classes,
                "--enable-native-access=ALL-UNNAMED", "-Xlog:class+load=info", "jzx.adapter.Main", "io_uring", "epoll");
        String output = run(cmd);
        String context = "\ncommand: " + String.join(" ", cmd) + "\noutput (class loading elided):\n"
                + output.lines().filter(l -> !l.contains("[class,load]")).collect(Collectors.joining("\n"));
        assertTrue(output.contains("io_uring readiness READ") && output.contains("epoll readiness READ"), context);
        List<String> netty = output.lines().filter(l -> l.contains("[class,load]") && l.contains(" io.netty."))
                .collect(Collectors.toList());
        assertEquals(List.of(), netty, "Netty classes loaded" + context);
    }

    @Test
    void besideNetty41BeforeJdk22LoopOpenFailsWithOneMessageAndNoStackTrace() throws Exception {
        assumeTrue(Runtime.version().feature() < 22, "JDK 22+ needs no Netty (the JDK 17 leg runs this test)");
        List<String> cp = new ArrayList<>(jzxModules());
        cp.addAll(netty41());
        Path classes = compile("17", "Open", OPEN_MAIN, jzxModules(), null);
        List<String> cmd = List.of(java(), "-cp", String.join(File.pathSeparator, cp) + File.pathSeparator + classes,
                "jzx.adapter.Open");
        String output = run(cmd);
        String context = "\ncommand: " + String.join(" ", cmd) + "\noutput:\n" + output;
        String failure = output.lines().filter(l -> l.startsWith("failed: ")).findFirst().orElse("");
        assertFalse(failure.isEmpty(), "Loop.open() did not fail" + context);
        assertTrue(failure.contains("Netty 4.1.") && failure.contains("Netty 4.2") && failure.contains("JDK 22+"),
                "the message names the Netty found and the two ways out" + context);
        assertFalse(output.contains("\tat "), "no stack trace" + context);
        assertFalse(output.contains("WARNING"), "nothing at WARNING" + context);
    }
}
