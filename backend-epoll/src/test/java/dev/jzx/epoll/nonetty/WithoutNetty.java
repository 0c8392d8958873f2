package dev.jzx.epoll.nonetty;

import dev.jzx.Io;
import dev.jzx.Loop;
import dev.jzx.RunMode;
import dev.jzx.spi.BackendProvider;
import dev.jzx.spi.Backends;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;

/**
 * A child JVM's program for {@code EpollWithoutNettyTest}: the epoll backend with no Netty on
 * the class or module path. Prints one line per fact the test checks. Outside the backend's
 * package, so that it also runs from the class path beside the backend's named module.
 */
public final class WithoutNetty {
    private WithoutNetty() {
    }

    /** @param args none */
    public static void main(String[] args) throws Exception {
        try {
            Class.forName("io.netty.util.Version");
            System.out.println("netty present");
        } catch (ClassNotFoundException expected) {
            System.out.println("netty absent");
        }
        BackendProvider epoll = Backends.ordered().stream().filter(p -> p.name().equals("epoll")).findFirst()
                .orElseThrow(() -> new AssertionError("no epoll provider"));
        System.out.println("module " + epoll.getClass().getModule().getName());
        System.out.println("adapter " + epoll.adapter());
        System.out.println("availability " + Backends.availability(epoll));
        if (!Backends.availability(epoll).isAvailable()) {
            return;
        }
        Pipe pipe = Pipe.open();
        try (Loop loop = Loop.open("epoll"); var source = pipe.source(); var sink = pipe.sink()) {
            int fd = fdOf(source);
            sink.write(ByteBuffer.wrap(new byte[] {1}));
            int[] readiness = {0};
            loop.watch(fd, Io.READ, (f, r) -> {
                readiness[0] = r;
                return false;
            });
            System.out.println("calls " + loop.run(RunMode.ONCE) + ", readiness " + Io.toString(readiness[0]));
            Thread waker = new Thread(loop::wakeup);
            waker.start();
            waker.join();
            System.out.println("woken " + loop.run(RunMode.ONCE));
        }
        System.out.println("done");
    }

    /** The pipe's descriptor number (the test JVM opens {@code java.base/sun.nio.ch}). */
    private static int fdOf(Object channel) throws ReflectiveOperationException {
        Method getter = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal");
        getter.setAccessible(true);
        return (int) getter.invoke(channel);
    }
}
