package dev.jzx.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.epoll.nonetty.WithoutNetty;
import dev.jzx.spi.KernelAdapter;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * On JDK 22+ the FFM adapter needs no Netty: a child JVM without any Netty jar, on the class
 * path and as named modules, finds the epoll backend available, watches a pipe and is woken.
 * Nothing may throw NoClassDefFoundError, nor warn. The Netty adapter without Netty says how
 * to resolve it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EpollWithoutNettyTest {
    private static final String OPENS = "java.base/sun.nio.ch=ALL-UNNAMED";
    private List<String> classPath;

    @BeforeEach
    void theDefaultAdaptersLeg() {
        Assumptions.assumeTrue(System.getProperty(KernelAdapter.PROPERTY) == null, "the default adapter's leg only");
        classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains("netty")).collect(Collectors.toList());
    }

    @Test
    void onTheClassPath() throws Exception {
        Assumptions.assumeTrue(KernelAdapter.ffmSupported(), "the FFM adapter needs JDK 22+");
        String output = run(List.of("--enable-native-access=ALL-UNNAMED", "--add-opens", OPENS,
                "-cp", String.join(File.pathSeparator, classPath), WithoutNetty.class.getName()));
        assertRanOnFfm(output, "module null");
    }

    @Test
    void asNamedModules() throws Exception {
        Assumptions.assumeTrue(KernelAdapter.ffmSupported(), "the FFM adapter needs JDK 22+");
        String output = run(List.of("--enable-native-access=dev.jzx.core", "--add-opens", OPENS,
                "--module-path", modulePath(), "--add-modules", "dev.jzx.backend.epoll",
                "-cp", tests(), WithoutNetty.class.getName()));
        assertRanOnFfm(output, "module dev.jzx.backend.epoll");
    }

    /** Netty is {@code requires static}: without it among the named modules, the cause names the flag. */
    @Test
    void theNettyAdapterAsNamedModulesWithoutNettyNamesTheFlag() throws Exception {
        String output = run(List.of("-Djzx.adapter=netty", "--module-path", modulePath(),
                "--add-modules", "dev.jzx.backend.epoll", "-cp", tests(), WithoutNetty.class.getName()));
        assertTrue(output.contains("adapter netty"), output);
        assertTrue(output.contains("availability unavailable: Netty's epoll transport classes could not be loaded"
                + " (on the module path: --add-modules io.netty.transport.classes.epoll)"), output);
        assertFalse(output.contains("Exception in thread"), output);
    }

    private String modulePath() {
        String core = entry(e -> e.contains("core") && !e.contains("test"));
        String epoll = entry(e -> e.endsWith("backend-epoll" + File.separator + "target" + File.separator + "classes"));
        return core + File.pathSeparator + epoll;
    }

    private String tests() {
        return entry(e -> e.endsWith("test-classes") && e.contains("backend-epoll"));
    }

    private static void assertRanOnFfm(String output, String module) {
        assertTrue(output.contains("netty absent"), output);
        assertTrue(output.contains(module), output);
        assertTrue(output.contains("adapter ffm"), output);
        assertTrue(output.contains("availability available"), output);
        assertTrue(output.contains("calls 1, readiness READ"), output);
        assertTrue(output.contains("woken 0"), output);
        assertTrue(output.contains("done"), output);
        assertFalse(output.contains("WARNING"), "no native-access or other warning:\n" + output);
        assertFalse(output.contains("NoClassDefFoundError"), output);
    }

    private String entry(java.util.function.Predicate<String> which) {
        return classPath.stream().filter(which).findFirst()
                .orElseThrow(() -> new AssertionError("not on the test class path: " + classPath));
    }

    private static String run(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(args);
        Path out = Files.createTempFile("jzx-without-netty", ".out");
        try {
            Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertTrue(child.waitFor(90, TimeUnit.SECONDS), "the child JVM did not finish: " + cmd);
            String output = Files.readString(out, StandardCharsets.UTF_8);
            assertEquals(0, child.exitValue(), "command: " + String.join(" ", cmd) + "\noutput:\n" + output);
            return output;
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
