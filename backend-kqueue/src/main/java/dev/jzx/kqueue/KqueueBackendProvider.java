package dev.jzx.kqueue;

import dev.jzx.spi.Availability;
import dev.jzx.spi.Backend;
import dev.jzx.spi.BackendProvider;
import dev.jzx.spi.KernelAdapter;
import io.netty.channel.kqueue.KQueue;
import io.netty.channel.unix.FileDescriptor;
import java.io.IOException;

/**
 * The {@code kqueue} backend (macOS; the BSDs with a Netty kqueue native library built for
 * them), on Netty's {@code netty-transport-native-kqueue}. Level-triggered; interest changes
 * add and delete filters of the same registration. See {@link KqueueBackend}.
 *
 * <p>On Linux it is unavailable, with Netty's own cause (its native class refuses to load:
 * "Only supported on OSX/BSD"). Nothing here touches Netty's kqueue classes before
 * {@link #availability()}.
 */
public final class KqueueBackendProvider implements BackendProvider {
    private volatile Availability availability;
    private volatile boolean devFdUsable;

    @Override
    public String name() {
        return "kqueue";
    }

    /** {@return {@code "netty"}: kqueue is driven through Netty's transport on every JDK} */
    @Override
    public String adapter() {
        return KernelAdapter.NETTY.label();
    }

    @Override
    public int preference() {
        return 300;
    }

    @Override
    public Availability availability() {
        Availability a = availability;
        if (a == null) {
            a = probe();
            availability = a;
        }
        return a;
    }

    private Availability probe() {
        try {
            if (!KQueue.isAvailable()) {
                Throwable cause = KQueue.unavailabilityCause();
                return Availability.unavailable("Netty's native kqueue transport is unavailable on "
                        + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + Availability.innermost(cause), cause);
            }
        } catch (LinkageError e) { // Netty's kqueue classes are not on the class path
            return Availability.unavailable("Netty's kqueue transport classes could not be loaded", e);
        }
        devFdUsable = devFdReflectsDescriptors();
        return Availability.available();
    }

    /** @return whether {@link FileKind} works here, tried on a pipe of our own */
    private static boolean devFdReflectsDescriptors() {
        try {
            FileDescriptor[] pipe = FileDescriptor.pipe();
            try {
                return FileKind.reflects(pipe[0].intValue());
            } finally {
                pipe[0].close();
                pipe[1].close();
            }
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Backend open() {
        Availability a = availability();
        if (!a.isAvailable()) {
            throw new IllegalStateException("kqueue is unavailable: " + a.describe(), a.cause());
        }
        return KqueueBackend.open(devFdUsable);
    }
}
