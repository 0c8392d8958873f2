package dev.jzx.testsuite;

import java.lang.reflect.InvocationTargetException;

/**
 * Loads the native code behind Netty's unix {@code FileDescriptor} and {@code Socket}, which the
 * tests use to make real descriptors. It ships inside each Netty transport's library, so one of
 * the transports on the class path is loaded; the backend under test may not load any (the FFM
 * adapters use no Netty at all).
 */
public final class NettyNatives {
    private static final String[] TRANSPORTS = {
        "io.netty.channel.epoll.Epoll", "io.netty.channel.uring.IoUring", "io.netty.channel.kqueue.KQueue",
    };
    private static volatile boolean loaded;

    private NettyNatives() {
    }

    /** Loads a transport's native library once; throws, naming each cause, when none loads. */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        IllegalStateException none = new IllegalStateException(
                "no Netty transport's native library loads here, so the tests cannot make descriptors");
        for (String transport : TRANSPORTS) {
            try {
                Class.forName(transport).getMethod("ensureAvailability").invoke(null);
                loaded = true;
                return;
            } catch (InvocationTargetException e) {
                none.addSuppressed(e.getCause());
            } catch (ReflectiveOperationException | LinkageError e) {
                none.addSuppressed(e);
            }
        }
        throw none;
    }
}
