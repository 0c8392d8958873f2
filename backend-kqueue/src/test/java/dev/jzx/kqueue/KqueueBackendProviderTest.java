package dev.jzx.kqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jzx.spi.Availability;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class KqueueBackendProviderTest {

    private static boolean onLinux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    @Test
    void nameAndRank() {
        KqueueBackendProvider p = new KqueueBackendProvider();
        assertEquals("kqueue", p.name());
        assertEquals(300, p.preference());
    }

    @Test
    void onLinuxItIsUnavailableWithNettysOwnCause() {
        assumeTrue(onLinux(), "checks what Linux answers");
        KqueueBackendProvider p = new KqueueBackendProvider();
        Availability a = p.availability();
        assertFalse(a.isAvailable());
        assertSame(a, p.availability(), "probed once");
        assertTrue(a.cause() != null, "Netty's cause is kept");
        String chain = "";
        for (Throwable t = a.cause(); t != null; t = t.getCause()) {
            chain += t + " / ";
        }
        assertTrue(chain.contains("OSX/BSD"), "Netty's reason is in the cause chain: " + chain);
        IllegalStateException e = assertThrows(IllegalStateException.class, p::open);
        assertTrue(e.getMessage().contains("kqueue is unavailable"), e.getMessage());
        assertSame(a.cause(), e.getCause());
    }
}
