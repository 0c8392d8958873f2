package dev.jzx.iouring.netty;

import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoOps;
import io.netty.util.Version;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything this backend relies on in Netty's io_uring transport beyond its public API, in one
 * list that the availability probe checks before any use and a unit test checks at build time:
 *
 * <ul>
 *   <li>the private field {@code IoUringIoHandler.ringBuffer}, its {@code RingBuffer}'s
 *       {@code ioUringSubmissionQueue}, and that {@code SubmissionQueue}'s int fields
 *       {@code enterFlags}, {@code ringFd} and {@code enterRingFd} ({@link ThreadNeutralRing});</li>
 *   <li>the public 13-argument {@link IoUringIoOps} constructor with a {@code long data}
 *       ({@link NettyPollOps}), whose argument order follows {@code io_uring_sqe};</li>
 *   <li>the user-data encoding {@code id << 32 | opcode << 16 | data} for a short
 *       {@code data} ({@link NettyRing} reads the generation back from it), checked on a real
 *       submission by {@link RingProbe} with {@link #userDataMatches}.</li>
 * </ul>
 *
 * The build pins Netty {@value #TESTED_VERSION} (an enforcer rule in the parent POM); a user who
 * overrides it and breaks one of these gets the io_uring backend unavailable, a WARNING naming
 * what differs, and {@code jzx doctor} saying so.
 */
final class NettyCoupling {
    /** The Netty version this backend is built and tested on (the parent POM's {@code netty.tested.version}). */
    static final String TESTED_VERSION = "4.2.18.Final";
    private static final String PACKAGE = "io.netty.channel.uring.";

    private NettyCoupling() {
    }

    /** @return what differs from what this backend relies on; empty when nothing does */
    static List<String> mismatches() {
        List<String> out = new ArrayList<>();
        try {
            Class<?> ringBuffer = Class.forName(PACKAGE + "RingBuffer", false, IoUringIoHandler.class.getClassLoader());
            Class<?> sq = Class.forName(PACKAGE + "SubmissionQueue", false, IoUringIoHandler.class.getClassLoader());
            expectField(out, IoUringIoHandler.class, "ringBuffer", ringBuffer);
            expectField(out, ringBuffer, "ioUringSubmissionQueue", sq);
            expectField(out, sq, "enterFlags", int.class);
            expectField(out, sq, "ringFd", int.class);
            expectField(out, sq, "enterRingFd", int.class);
        } catch (ClassNotFoundException e) {
            out.add("class " + e.getMessage() + " is gone");
        }
        try {
            IoUringIoOps.class.getConstructor(byte.class, byte.class, short.class, int.class, long.class, long.class,
                    int.class, int.class, long.class, short.class, short.class, int.class, long.class);
        } catch (NoSuchMethodException e) {
            out.add("the IoUringIoOps(byte, byte, short, int, long, long, int, int, long, short, short, int, long)"
                    + " constructor is gone");
        }
        return out;
    }

    private static void expectField(List<String> out, Class<?> owner, String name, Class<?> type) {
        try {
            Field f = owner.getDeclaredField(name);
            if (f.getType() != type || Modifier.isStatic(f.getModifiers())) {
                out.add(owner.getSimpleName() + "." + name + " is a " + (Modifier.isStatic(f.getModifiers()) ? "static " : "")
                        + f.getType().getSimpleName() + ", not an instance " + type.getSimpleName());
            }
        } catch (NoSuchFieldException e) {
            out.add(owner.getSimpleName() + "." + name + " is gone");
        }
    }

    /**
     * @param id     what {@code IoRegistration.submit} returned for an entry
     * @param opcode that entry's opcode
     * @param data   that entry's data (fits a short)
     * @return whether {@code id} carries them where {@link NettyRing} and cancels expect them
     */
    static boolean userDataMatches(long id, byte opcode, int data) {
        return (id & 0xFFFF) == data && ((id >>> 16) & 0xFF) == (opcode & 0xFF) && (id >>> 32) != 0;
    }

    /** @return the version of Netty's io_uring classes on the class path, or "unknown" */
    static String runningVersion() {
        Version v = Version.identify(IoUringIoHandler.class.getClassLoader()).get("netty-transport-classes-io_uring");
        return v == null ? "unknown" : v.artifactVersion();
    }

    /** @return a sentence for the availability cause and the log: Netty's internals differ */
    static String describe(List<String> mismatches) {
        return "Netty " + runningVersion() + "'s io_uring internals are not those of Netty " + TESTED_VERSION
                + ", which this backend is built and tested on: " + String.join("; ", mismatches)
                + " (use Netty " + TESTED_VERSION + ", or another backend)";
    }
}
