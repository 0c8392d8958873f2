package dev.jzx.modulepath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library on the module path, as a user's module sees it: the usage example of
 * {@code docs/usage.md} is compiled into a small named module that {@code requires dev.jzx.core}
 * only, and run in a child JVM whose module path holds the jzx modules and Netty's, with the
 * flags the usage page documents. The child opens a loop through {@code ServiceLoader}'s
 * {@code provides}, watches a real pipe and must get the READ callback; a JFR recording in the
 * child must hold the selection and run events.
 *
 * <p>Runs in bench's {@code modulepath} failsafe leg (the name keeps it out of the other legs).
 */
class ModulePathLaunch {
    private static final String EXPECT = System.getProperty("jzx.matrix.expect", "io_uring");

    /** What the io_uring backend needs on the module path (it reflects on Netty's ring). */
    static final String IOURING_OPENS = "io.netty.transport.classes.io_uring/io.netty.channel.uring=dev.jzx.backend.iouring";

    @TempDir
    Path dir;

    /** The jars (or exploded class folders) of jzx's modules and Netty's, from failsafe's class path. */
    static List<String> modulePath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> path = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            String n = e.replace('\\', '/');
            boolean jzxJar = n.matches(".*/jzx-(core|backend-[a-z_]+)-[^/]*\\.jar") && !n.endsWith("-tests.jar");
            boolean jzxClasses = n.matches(".*/(core|backend-[a-z_]+)/target/classes/?");
            boolean netty = n.matches(".*/netty-[^/]*\\.jar") && !n.contains("tests");
            if (jzxJar || jzxClasses || netty) {
                path.add(e);
            }
        }
        return path;
    }

    /** The first ```java block after {@code marker} in docs/usage.md, as a file of package jzx.usage. */
    private static String usageExample(String marker) throws IOException {
        Path docs = Path.of(System.getProperty("jzx.docs", "../docs/usage.md"));
        String md = Files.readString(docs);
        int at = md.indexOf(marker);
        assertTrue(at >= 0, "no " + marker + " marker in " + docs);
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(md);
        assertTrue(m.find(at), "no java block after the " + marker + " marker in " + docs);
        return "package jzx.usage;\n\n" + m.group(1);
    }

    private static final String MAIN = String.join("\n",
            "package jzx.usage;",
            "",
            "import dev.jzx.Io;",
            "import dev.jzx.Loop;",
            "import dev.jzx.spi.BackendProvider;",
            "import dev.jzx.spi.Backends;",
            "import io.netty.channel.unix.FileDescriptor;",
            "import java.nio.ByteBuffer;",
            "",
            "public final class Main {",
            "    public static void main(String[] args) throws Exception {",
            "        io.netty.channel.epoll.Epoll.ensureAvailability(); // FileDescriptor's natives (the FFM adapters load none)",
            "        for (BackendProvider p : Backends.ordered()) { // probing loads Netty's natives, FileDescriptor's too",
            "            System.out.println(\"provider \" + p.name() + \" module \" + p.getClass().getModule().getName()",
            "                    + \" \" + Backends.availability(p));",
            "        }",
            "        System.out.println(\"core module \" + Loop.class.getModule().getName());",
            "        FileDescriptor[] pipe = FileDescriptor.pipe();",
            "        ByteBuffer one = ByteBuffer.allocateDirect(1).put((byte) 42).flip();",
            "        pipe[1].write(one, 0, 1);",
            "        int readiness = ReadEndExample.awaitReadable(pipe[0].intValue());",
            "        System.out.println(\"readiness \" + Io.toString(readiness));",
            "        pipe[0].close();",
            "        pipe[1].close();",
            "        FileDescriptor[] idle = FileDescriptor.pipe();",
            "        long start = System.nanoTime();",
            "        int none = ReadTimeoutExample.awaitReadable(idle[0].intValue(), 50);",
            "        long waited = System.nanoTime() - start;",
            "        System.out.println(\"timeout example, idle pipe: \" + (none == 0 ? \"timed out\" : Io.toString(none))",
            "                + (waited >= 50_000_000L ? \", not early\" : \", early: \" + waited + \" ns\"));",
            "        idle[1].write(one.rewind(), 0, 1);",
            "        int ready = ReadTimeoutExample.awaitReadable(idle[0].intValue(), 60_000);",
            "        System.out.println(\"timeout example, ready pipe: \" + Io.toString(ready));",
            "        idle[0].close();",
            "        idle[1].close();",
            "    }",
            "}",
            "");

    /** {@return the output of {@code cmd}, run in a child JVM that must exit 0 within a minute} */
    private String runChild(List<String> cmd, String outName) throws IOException, InterruptedException {
        Path out = dir.resolve(outName);
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM hung");
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), "the child failed\ncommand: " + String.join(" ", cmd) + "\noutput:\n" + output);
        return output;
    }

    private static final String JFC = String.join("\n",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<configuration version=\"2.0\">",
            "  <event name=\"dev.jzx.Run\"><setting name=\"enabled\">true</setting><setting name=\"threshold\">0 ms</setting></event>",
            "  <event name=\"dev.jzx.BackendSelection\"><setting name=\"enabled\">true</setting></event>",
            "</configuration>",
            "");

    /** Compiles docs/usage.md's example and a main that feeds it a real pipe into module jzx.usage. */
    private Path compileUsageModule(List<String> modulePath) throws IOException {
        Path src = dir.resolve("src/jzx.usage");
        Files.createDirectories(src.resolve("jzx/usage"));
        Files.writeString(src.resolve("module-info.java"),
                "module jzx.usage {\n    requires dev.jzx.core;\n    requires io.netty.transport.unix.common;\n"
                        + "    requires io.netty.transport.classes.epoll;\n}\n");
        Files.writeString(src.resolve("jzx/usage/ReadEndExample.java"), usageExample("<!-- usage-example:"));
        Files.writeString(src.resolve("jzx/usage/ReadTimeoutExample.java"), usageExample("<!-- usage-example-timeout:"));
        Files.writeString(src.resolve("jzx/usage/Main.java"), MAIN);
        Path classes = dir.resolve("classes");
        List<String> args = new ArrayList<>(List.of("--release", "17", "-Xlint:all", "-Werror", "-d", classes.toString(),
                "--module-path", String.join(File.pathSeparator, modulePath)));
        try (var files = Files.walk(src)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        java.io.ByteArrayOutputStream javacOut = new java.io.ByteArrayOutputStream();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, javacOut, javacOut, args.toArray(String[]::new));
        assertEquals(0, rc, "the usage example does not compile as a named module:\n" + javacOut);
        return classes;
    }

    @Test
    void theUsageExampleRunsInANamedModuleAgainstARealPipe() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"),
                "the module path leg runs the Linux backends");
        List<String> modulePath = modulePath();
        assertTrue(modulePath.stream().anyMatch(e -> e.contains("core")), "jzx-core not on failsafe's class path: " + modulePath);
        assertTrue(modulePath.stream().anyMatch(e -> e.contains("netty-transport-classes-io_uring")), "" + modulePath);

        Path classes = compileUsageModule(modulePath);

        Path jfc = dir.resolve("jzx.jfc");
        Files.writeString(jfc, JFC);
        Path jfr = dir.resolve("child.jfr");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java,
                "--module-path", String.join(File.pathSeparator, modulePath) + File.pathSeparator + classes,
                // what docs/usage.md tells a user: the backends and Netty's native jars, named
                "--add-modules", "dev.jzx.backend.iouring,dev.jzx.backend.epoll,"
                        + "io.netty.transport.classes.io_uring,io.netty.transport.classes.epoll,"
                        + "io.netty.transport.io_uring.linux.x86_64,io.netty.transport.epoll.linux.x86_64",
                Runtime.version().feature() >= 22
                        ? "--enable-native-access=dev.jzx.core,dev.jzx.backend.iouring,dev.jzx.backend.epoll,io.netty.common"
                        : "--enable-native-access=io.netty.common",
                "--add-opens", IOURING_OPENS,
                "-XX:StartFlightRecording:filename=" + jfr + ",settings=" + jfc + ",dumponexit=true",
                "-Xlog:jfr+startup=off"));
        if (System.getProperty("jzx.backend") != null) {
            cmd.add("-Djzx.backend=" + System.getProperty("jzx.backend"));
        }
        cmd.addAll(List.of("-m", "jzx.usage/jzx.usage.Main"));
        String output = runChild(cmd, "child.out");
        String context = "\ncommand: " + String.join(" ", cmd) + "\noutput:\n" + output;

        assertTrue(output.contains("core module dev.jzx.core"), "jzx-core was not loaded as a named module" + context);
        assertTrue(output.contains("provider io_uring module dev.jzx.backend.iouring available"),
                "io_uring not found through its module's provides, or unavailable" + context);
        assertTrue(output.contains("provider epoll module dev.jzx.backend.epoll available"), context);
        assertTrue(output.contains("backend: " + EXPECT), "Loop.open() did not choose " + EXPECT + context);
        assertTrue(output.contains("readiness READ"), "no READ callback for the pipe" + context);
        assertTrue(output.contains("timeout example, idle pipe: timed out, not early"),
                "the read-timeout example did not time out after its delay on an idle pipe" + context);
        assertTrue(output.contains("timeout example, ready pipe: READ"),
                "the read-timeout example did not report a ready pipe" + context);
        assertFalse(output.contains("WARNING"), "the documented flags must leave no warning (native access, "
                + "reflection)" + context);

        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().startsWith("dev.jzx.")).collect(Collectors.toList());
        List<RecordedEvent> selections = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.jzx.BackendSelection")).collect(Collectors.toList());
        assertEquals(3, selections.size(), "one selection per Loop.open() in the child (three): " + events);
        for (RecordedEvent selection : selections) {
            assertEquals(EXPECT, selection.getString("chosen"));
        }
        assertTrue(events.stream().anyMatch(e -> e.getEventType().getName().equals("dev.jzx.Run")
                && e.getInt("delivered") == 1 && "ONCE".equals(e.getString("mode"))
                && e.getLong("timeout") == Long.MAX_VALUE), "no dev.jzx.Run event with the READ delivery: " + events);
    }

    private static final String VTHREADS_MAIN = String.join("\n",
            "package jzx.usage;",
            "",
            "import dev.jzx.Poller;",
            "import io.netty.channel.unix.FileDescriptor;",
            "import java.io.IOException;",
            "import java.io.UncheckedIOException;",
            "import java.nio.ByteBuffer;",
            "import java.util.List;",
            "",
            "public final class VirtualThreadMain {",
            "    public static void main(String[] args) throws Exception {",
            "        io.netty.channel.epoll.Epoll.ensureAvailability(); // FileDescriptor's natives (the FFM adapters load none)",
            "        String backend = Poller.shared().backend();",
            "        int n = 100;",
            "        FileDescriptor[][] pipes = new FileDescriptor[n][];",
            "        int[] fds = new int[n];",
            "        for (int i = 0; i < n; i++) {",
            "            pipes[i] = FileDescriptor.pipe();",
            "            fds[i] = pipes[i][0].intValue();",
            "        }",
            "        Thread writer = new Thread(() -> {",
            "            for (FileDescriptor[] p : pipes) {",
            "                try {",
            "                    p[1].write(ByteBuffer.allocateDirect(1).put((byte) 7).flip(), 0, 1);",
            "                } catch (IOException e) {",
            "                    throw new UncheckedIOException(e);",
            "                }",
            "            }",
            "        });",
            "        writer.start();",
            "        List<Integer> got = VirtualThreadExample.readAll(fds, fd -> {",
            "            try {",
            "                return new FileDescriptor(fd).read(ByteBuffer.allocateDirect(1), 0, 1);",
            "            } catch (IOException e) {",
            "                throw new UncheckedIOException(e);",
            "            }",
            "        });",
            "        writer.join();",
            "        System.out.println(\"vthreads example: \" + got.stream().mapToInt(Integer::intValue).sum()",
            "                + \" bytes from \" + n + \" pipes on \" + backend);",
            "    }",
            "}",
            "");

    @Test
    void theVirtualThreadExampleRunsOnJdk21AndLater() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"),
                "the module path leg runs the Linux backends");
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21 or later; this is JDK "
                + Runtime.version().feature() + " (the JDK 25 leg of .ci/run runs this test)");
        List<String> classPath = modulePath();
        Path src = dir.resolve("src-vthreads/jzx/usage");
        Files.createDirectories(src);
        Files.writeString(src.resolve("VirtualThreadExample.java"), usageExample("<!-- usage-example-vthreads:"));
        Files.writeString(src.resolve("VirtualThreadMain.java"), VTHREADS_MAIN);
        Path classes = dir.resolve("classes-vthreads");
        List<String> args = new ArrayList<>(List.of("--release", "21", "-Xlint:all", "-Werror", "-d", classes.toString(),
                "-cp", String.join(File.pathSeparator, classPath),
                src.resolve("VirtualThreadExample.java").toString(), src.resolve("VirtualThreadMain.java").toString()));
        java.io.ByteArrayOutputStream javacOut = new java.io.ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, javacOut, javacOut, args.toArray(String[]::new));
        assertEquals(0, rc, "the virtual-thread example does not compile:\n" + javacOut);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", String.join(File.pathSeparator, classPath) + File.pathSeparator + classes,
                "--enable-native-access=ALL-UNNAMED"));
        if (System.getProperty("jzx.backend") != null) {
            cmd.add("-Djzx.backend=" + System.getProperty("jzx.backend"));
        }
        cmd.add("jzx.usage.VirtualThreadMain");
        String output = runChild(cmd, "child-vthreads.out");
        String context = "\ncommand: " + String.join(" ", cmd) + "\noutput:\n" + output;
        assertTrue(output.contains("vthreads example: 100 bytes from 100 pipes on " + EXPECT), context);
    }

    @Test
    void withoutTheOpensIoUringIsUnavailableNamingTheFlagAndEpollIsUsed() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux"),
                "the module path leg runs the Linux backends");
        assumeTrue("io_uring".equals(EXPECT), "io_uring is not this machine's default");
        assumeTrue(Runtime.version().feature() < 22, "on JDK 22+ the io_uring backend reflects on nothing (its FFM"
                + " ring); the JDK 17 leg runs this test");
        List<String> modulePath = modulePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path classes = compileUsageModule(modulePath);
        List<String> cmd = List.of(java, "--module-path", String.join(File.pathSeparator, modulePath) + File.pathSeparator + classes,
                "--add-modules", "ALL-MODULE-PATH", "--enable-native-access=io.netty.common",
                "-m", "jzx.usage/jzx.usage.Main");
        String output = runChild(cmd, "child.out");
        String context = "\ncommand: " + String.join(" ", cmd) + "\noutput:\n" + output;
        assertTrue(output.contains("provider io_uring module dev.jzx.backend.iouring unavailable")
                && output.contains("needs --add-opens " + IOURING_OPENS), "the cause must name the flag" + context);
        assertTrue(output.contains("backend: epoll"), "Loop.open() must fall back to epoll" + context);
        assertTrue(output.contains("readiness READ"), context);
    }
}
