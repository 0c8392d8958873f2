package dev.jzx.bench;

import dev.jzx.Loop;
import dev.jzx.spi.Availability;
import dev.jzx.spi.BackendProvider;
import dev.jzx.spi.Backends;
import dev.jzx.spi.KernelAdapter;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code jzx doctor}: what this machine offers and what {@code Loop.open()} picks, with reasons. */
final class Doctor {
    private final PrintStream out;

    Doctor(PrintStream out) {
        this.out = out;
    }

    int run() {
        out.println("jzx doctor");
        out.printf("  java     %s %s (%s)%n", System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("java.vendor"));
        out.printf("  os       %s %s %s%n", System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"));
        out.printf("  netty    %s%n", nettyVersion());
        String disabled = readSysctl("/proc/sys/kernel/io_uring_disabled");
        if (disabled != null) {
            out.printf("  kernel.io_uring_disabled = %s%s%n", disabled,
                    disabled.equals("0") ? "" : disabled.equals("1") ? " (only for a privileged group)" : " (io_uring off)");
        }
        out.println();
        out.println("backends, in the order Loop.open() tries them:");
        List<BackendProvider> ordered = Backends.ordered();
        int i = 1;
        for (BackendProvider p : ordered) {
            Availability a = Backends.availability(p);
            out.printf("  %d. %-9s preference %-4d adapter %-6s %s%n", i++, p.name(), p.preference(), p.adapter(),
                    a.isAvailable() ? "available" : "UNAVAILABLE: " + a.describe());
        }
        for (String broken : Backends.brokenProviders()) {
            out.println("  (a provider failed to load: " + broken + ")");
        }
        out.println();
        out.printf("flags: -D%s=%s  -D%s=%s  -D%s=%s%n", Backends.BACKEND_PROPERTY, orUnset(Backends.forced()),
                Backends.PREFERENCE_PROPERTY, orUnset(System.getProperty(Backends.PREFERENCE_PROPERTY)),
                KernelAdapter.PROPERTY, orUnset(System.getProperty(KernelAdapter.PROPERTY)));
        out.printf("kernel adapter: %s (%s)%n", KernelAdapter.chosenLabel(), KernelAdapter.ffmSupported()
                ? "JDK " + Runtime.version().feature() + ": its own system calls through java.lang.foreign unless forced"
                : "JDK " + Runtime.version().feature() + ": Netty's native transports; JDK 22+ needs no Netty");
        try (Loop loop = Loop.open()) {
            out.printf("Loop.open() chooses: %s (%s)%n", loop.backend(), why(loop.backend()));
            return 0;
        } catch (RuntimeException e) {
            out.println("Loop.open() fails: " + e.getMessage());
            return 1;
        }
    }

    private static String why(String chosen) {
        if (Backends.forced() != null) {
            return "forced by -D" + Backends.BACKEND_PROPERTY;
        }
        StringBuilder skipped = new StringBuilder();
        for (BackendProvider p : Backends.ordered()) {
            if (p.name().equals(chosen)) {
                break;
            }
            skipped.append(skipped.length() == 0 ? "" : ", ").append(p.name()).append(" unavailable");
        }
        String order = Backends.preference().isEmpty() ? "the default order" : "-D" + Backends.PREFERENCE_PROPERTY;
        return "first available in " + order + (skipped.length() == 0 ? "" : "; " + skipped);
    }

    /** @return the Netty on the class path, read without loading any of its classes */
    private static String nettyVersion() {
        String v = KernelAdapter.nettyVersion(Doctor.class.getClassLoader());
        return v == null ? "(not on the class path)" : v;
    }

    private static String orUnset(String v) {
        return v == null || v.isBlank() ? "(unset)" : v;
    }

    private static String readSysctl(String path) {
        try (InputStream in = new FileInputStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        } catch (Exception e) {
            return null;
        }
    }
}
