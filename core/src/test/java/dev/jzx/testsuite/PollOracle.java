package dev.jzx.testsuite;

import dev.jzx.Io;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * What poll(2) says about a descriptor: the oracle of contract item 11. It calls the JDK's own
 * {@code sun.nio.ch.Net.poll(FileDescriptor, int events, long timeoutMillis)}, which hands
 * {@code events} to poll(2) unchanged (so POLLRDHUP works) and returns {@code revents}; the test
 * JVMs open {@code java.base/sun.nio.ch} and {@code java.base/java.io} for it (the parent POM's
 * {@code jzx.test.opens}).
 */
public final class PollOracle {
    static final int POLLIN = 0x1;
    static final int POLLOUT = 0x4;
    static final int POLLERR = 0x8;
    static final int POLLHUP = 0x10;
    static final int POLLNVAL = 0x20;
    static final int POLLRDHUP = 0x2000;

    private static final Method POLL;
    private static final Field FD;

    static {
        try {
            POLL = Class.forName("sun.nio.ch.Net").getDeclaredMethod("poll", FileDescriptor.class, int.class,
                    long.class);
            POLL.setAccessible(true);
            FD = FileDescriptor.class.getDeclaredField("fd");
            FD.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ExceptionInInitializerError("the poll(2) oracle needs sun.nio.ch.Net.poll and the test JVM flags"
                    + " --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.io=ALL-UNNAMED: " + e);
        }
    }

    private PollOracle() {
    }

    /**
     * @param fd            the descriptor
     * @param interest      {@code Io.READ}, {@code Io.WRITE} or both; READ also asks for POLLRDHUP
     * @param timeoutMillis 0: look now; otherwise wait at most that long for something to report
     * @return what poll(2) reports, as {@link Io} bits: POLLIN READ, POLLOUT WRITE, POLLERR and
     *         POLLNVAL ERROR, POLLHUP (always) and POLLRDHUP (asked only with READ) HANGUP
     */
    public static int poll(int fd, int interest, long timeoutMillis) {
        int events = 0;
        if ((interest & Io.READ) != 0) {
            events |= POLLIN | POLLRDHUP;
        }
        if ((interest & Io.WRITE) != 0) {
            events |= POLLOUT;
        }
        FileDescriptor jfd = new FileDescriptor(); // no cleaner: never closes fd
        int revents;
        try {
            FD.setInt(jfd, fd);
            revents = (int) POLL.invoke(null, jfd, events, timeoutMillis);
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            throw c instanceof IOException ? new UncheckedIOException("poll fd " + fd, (IOException) c)
                    : new IllegalStateException("poll fd " + fd + ": " + c, c);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        int r = 0;
        if ((revents & POLLIN) != 0) {
            r |= Io.READ;
        }
        if ((revents & POLLOUT) != 0) {
            r |= Io.WRITE;
        }
        if ((revents & (POLLERR | POLLNVAL)) != 0) {
            r |= Io.ERROR;
        }
        if ((revents & (POLLHUP | POLLRDHUP)) != 0) {
            r |= Io.HANGUP;
        }
        return r;
    }
}
