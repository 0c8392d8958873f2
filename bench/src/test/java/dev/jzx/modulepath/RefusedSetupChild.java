package dev.jzx.modulepath;

import dev.jzx.Loop;
import dev.jzx.spi.Backends;

/** Run by {@link RefusedSetupLaunch} in a JVM whose io_uring_setup a seccomp filter refuses. */
public final class RefusedSetupChild {
    private RefusedSetupChild() {
    }

    public static void main(String[] args) {
        Backends.ordered().stream().filter(p -> p.name().equals("io_uring")).forEach(p ->
                System.out.println("io_uring " + Backends.availability(p)));
        try (Loop loop = Loop.open()) {
            System.out.println("default " + loop.backend());
        }
        try (Loop loop = Loop.open("io_uring")) {
            System.out.println("forced opened " + loop.backend());
        } catch (RuntimeException e) {
            System.out.println("forced failed: " + e.getMessage());
        }
    }
}
