package dev.jzx.iouring;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.Loop;
import org.junit.jupiter.api.Test;

@EnabledOnOs(value = OS.LINUX, disabledReason = "io_uring exists on Linux only")
class IoUringProviderTest {

    @Test
    void nameAndPreference() {
        IoUringBackendProvider p = new IoUringBackendProvider();
        assertEquals("io_uring", p.name());
        assertEquals(100, p.preference());
    }

    @Test
    void availableHereAndChosenFirst() {
        IoUringBackendProvider p = new IoUringBackendProvider();
        assertTrue(p.availability().isAvailable(), p.availability().toString());
        try (Loop loop = Loop.open()) {
            assertEquals("io_uring", loop.backend(), "io_uring is the first choice where available");
        }
    }

    @Test
    void theDisableFlagMakesItUnavailableWithTheReason() {
        System.setProperty(RingConfig.DISABLE_PROPERTY, "true");
        try {
            dev.jzx.spi.Availability disabled = IoUringBackendProvider.probe();
            assertFalse(disabled.isAvailable());
            assertEquals("disabled by -Djzx.iouring.disable=true", disabled.reason());
        } finally {
            System.clearProperty(RingConfig.DISABLE_PROPERTY);
        }
    }
}
