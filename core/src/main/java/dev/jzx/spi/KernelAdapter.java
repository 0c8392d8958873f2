package dev.jzx.spi;

import java.util.Locale;

/**
 * Which kernel interface a Linux backend of this library drives: its own system calls through
 * {@code java.lang.foreign} ({@link #FFM}, JDK 22 and later, the default there), or Netty's
 * native transport ({@link #NETTY}, JDK 17 to 21). The backend's logic is the same over both;
 * only the adapter underneath differs.
 *
 * <p>{@code -Djzx.adapter=netty} forces Netty's transport on JDK 22+ (so both adapters can be
 * tested on one JDK); {@code -Djzx.adapter=ffm} before JDK 22 makes the backends unavailable
 * with that reason, never a silent fallback.
 */
public enum KernelAdapter {
    /** The backend's own system calls through {@code java.lang.foreign}; JDK 22+. */
    FFM("ffm"),
    /** Netty's native transport (JNI); Netty 4.2 on the class path. */
    NETTY("netty");

    /** The system property that forces an adapter: {@value}. */
    public static final String PROPERTY = "jzx.adapter";

    /** The first JDK whose {@code java.lang.foreign} is final. */
    public static final int FFM_FEATURE = 22;

    private final String label;

    KernelAdapter(String label) {
        this.label = label;
    }

    /** {@return the name users force it with and tools show: {@code "ffm"} or {@code "netty"}} */
    public String label() {
        return label;
    }

    /**
     * The adapter the backends use in this JVM: {@code -Djzx.adapter} if set, else {@link #FFM}
     * on JDK 22+ and {@link #NETTY} before.
     *
     * @return the adapter
     * @throws IllegalArgumentException when {@code -Djzx.adapter} names neither adapter
     */
    public static KernelAdapter chosen() {
        String forced = System.getProperty(PROPERTY);
        if (forced == null || forced.isBlank()) {
            return ffmSupported() ? FFM : NETTY;
        }
        for (KernelAdapter a : values()) {
            if (a.label.equals(forced.trim().toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + forced + " names no kernel adapter; use ffm or netty");
    }

    /** {@return the label of {@link #chosen()}, or {@code "invalid"} when {@code -Djzx.adapter} names none} */
    public static String chosenLabel() {
        try {
            return chosen().label();
        } catch (IllegalArgumentException e) {
            return "invalid";
        }
    }

    /** {@return whether this JDK has a final {@code java.lang.foreign} (JDK 22+)} */
    public static boolean ffmSupported() {
        return Runtime.version().feature() >= FFM_FEATURE;
    }

    /**
     * Loads a backend's FFM adapter class. Such classes are compiled for JDK 22 and named only
     * here, by name, so nothing loads them on an older JDK.
     *
     * @param <T>       the release-17 type the adapter implements
     * @param type      that type
     * @param className the adapter's binary name
     * @return a new instance (public or package-private no-argument constructor)
     * @throws IllegalStateException when this JDK cannot run it or the class is missing (a jar
     *                               built on a JDK older than 22 has no FFM adapters)
     */
    public static <T> T loadFfm(Class<T> type, String className) {
        if (!ffmSupported()) {
            throw new IllegalStateException("the FFM adapter needs JDK " + FFM_FEATURE + "+, this is JDK "
                    + Runtime.version().feature());
        }
        try {
            var constructor = Class.forName(className, true, type.getClassLoader())
                    .asSubclass(type).getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no FFM adapter " + className + " in this jar (built on a JDK older than "
                    + FFM_FEATURE + "?)", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the FFM adapter " + className + " could not be created: " + e, e);
        }
    }

    /**
     * Checks, without loading them, that Netty 4.2 classes a Netty adapter needs are present.
     * Netty 4.1, which most servers carry, lacks the {@code IoHandler} API the adapters are
     * built on; the message then names the version found and the two ways out.
     *
     * @param loader     where to look
     * @param classNames classes the adapter needs
     * @return null when all are present, else why the Netty adapter cannot run here
     */
    public static String missingNetty42(ClassLoader loader, String... classNames) {
        for (String name : classNames) {
            if (loader.getResource(name.replace('.', '/') + ".class") == null) {
                String found = nettyVersion(loader);
                String way = "run on JDK " + FFM_FEATURE + "+, where jzx-io needs no Netty";
                if (found == null) {
                    return "Netty is not on the class path (no " + name + "): on JDK 17-21 jzx-io needs Netty 4.2;"
                            + " add it, or " + way;
                }
                if (!found.startsWith("4.1.") && !found.startsWith("4.0.")) {
                    return "Netty " + found + " is on the class path but not " + name + ": add its artifact, or " + way;
                }
                return "Netty " + found + " is on the class path, and on JDK 17-21 jzx-io needs Netty 4.2:"
                        + " use Netty 4.2, or " + way;
            }
        }
        return null;
    }

    /**
     * Reads the version of the Netty on the class path without loading any of its classes.
     *
     * @param loader where to look
     * @return the version of the Netty transport (or, failing that, any Netty artifact) on the
     *         class path, read from Netty's own {@code META-INF/io.netty.versions.properties}, or
     *         null when none is there
     */
    public static String nettyVersion(ClassLoader loader) {
        String any = null;
        try {
            var resources = loader.getResources("META-INF/io.netty.versions.properties");
            while (resources.hasMoreElements()) {
                var props = new java.util.Properties();
                try (var in = resources.nextElement().openStream()) {
                    props.load(in);
                }
                String transport = props.getProperty("netty-transport.version");
                if (transport != null) {
                    return transport;
                }
                for (String key : props.stringPropertyNames()) {
                    if (key.endsWith(".version") && any == null) {
                        any = props.getProperty(key);
                    }
                }
            }
        } catch (java.io.IOException e) {
            return any;
        }
        return any;
    }

    @Override
    public String toString() {
        return label;
    }
}
