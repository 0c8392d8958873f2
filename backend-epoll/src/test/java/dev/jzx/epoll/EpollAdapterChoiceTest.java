package dev.jzx.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.spi.Availability;
import dev.jzx.spi.KernelAdapter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Which kernel adapter the epoll provider uses, and what it says when that one cannot work. */
class EpollAdapterChoiceTest {
    private static final int JDK = Runtime.version().feature();

    @Test
    void theProviderNamesTheAdapterThisJvmChooses() {
        String forced = System.getProperty(KernelAdapter.PROPERTY);
        String expected = forced != null ? forced : JDK >= 22 ? "ffm" : "netty";
        assertEquals(expected, new EpollBackendProvider().adapter(), "JDK " + JDK + ", -Djzx.adapter=" + forced);
    }

    @Test
    void bothAdaptersWorkOnJdk22AndLater() {
        Assumptions.assumeTrue(JDK >= 22, "FFM needs JDK 22+");
        for (KernelAdapter a : KernelAdapter.values()) {
            EpollBackendProvider provider = new EpollBackendProvider(a);
            assertEquals(a.label(), provider.adapter());
            assertTrue(provider.availability().isAvailable(), () -> a + ": " + provider.availability());
            provider.openBackend().close();
        }
    }

    @Test
    void ffmBeforeJdk22IsUnavailableSayingWhy() {
        Assumptions.assumeTrue(JDK < 22, "FFM works here");
        EpollBackendProvider provider = new EpollBackendProvider(KernelAdapter.FFM);
        Availability a = provider.availability();
        assertFalse(a.isAvailable());
        assertTrue(a.describe().contains("needs JDK 22+"), a.describe());
        IllegalStateException e = assertThrows(IllegalStateException.class, provider::open);
        assertTrue(e.getMessage().contains("needs JDK 22+"), e.getMessage());
    }

    @Test
    void anAdapterNameThatIsNeitherMakesEpollUnavailable() {
        String before = System.getProperty(KernelAdapter.PROPERTY);
        EpollBackendProvider provider;
        System.setProperty(KernelAdapter.PROPERTY, "jni");
        try {
            provider = new EpollBackendProvider(); // reads the property now, and only now
        } finally {
            if (before == null) {
                System.clearProperty(KernelAdapter.PROPERTY);
            } else {
                System.setProperty(KernelAdapter.PROPERTY, before);
            }
        }
        assertEquals("none", provider.adapter());
        Availability a = provider.availability();
        assertFalse(a.isAvailable());
        assertTrue(a.describe().contains("-Djzx.adapter=jni names no kernel adapter"), a.describe());
    }
}
