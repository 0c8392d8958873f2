package dev.jzx.testsuite;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Assumptions;

/**
 * Virtual threads for tests compiled for Java 17: found by reflection on JDK 21 and later; on
 * an older JDK a test that needs them is skipped with that reason.
 */
public final class VirtualThreads {
    private static final Method START = find();

    private VirtualThreads() {
    }

    private static Method find() {
        try {
            return Thread.class.getMethod("startVirtualThread", Runnable.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** Skips the calling test, saying why, unless this JDK has virtual threads. */
    public static void require() {
        Assumptions.assumeTrue(START != null, "virtual threads need JDK 21 or later; this is JDK "
                + Runtime.version().feature() + " (the JDK 25 leg of .ci/run runs this test)");
    }

    /** @return a started virtual thread running {@code task} */
    public static Thread start(Runnable task) {
        require();
        try {
            return (Thread) START.invoke(null, task);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
