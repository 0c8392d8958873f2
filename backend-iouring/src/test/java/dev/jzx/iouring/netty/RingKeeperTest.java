package dev.jzx.iouring.netty;

import static dev.jzx.Io.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Rings enabled and destroyed on the keeper thread: its 16-slot table of registered rings is released. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@EnabledOnOs(value = OS.LINUX, disabledReason = "io_uring exists on Linux only")
class RingKeeperTest {
    static {
        NettyAvailable.require();
    }

    @Test
    void everyDestroyedRingReleasesItsSlotInTheKeepersTable() {
        // The kernel gives a thread 16 registered-ring slots: were a destroyed ring's slot kept,
        // the 17th ring opened one after another would find the table full.
        for (int i = 0; i < 40; i++) {
            NettyRing r = new NettyRing(16, 16);
            boolean registered = r.wasRegistered();
            r.enter();
            try {
                r.destroy();
            } finally {
                r.leave();
            }
            assertTrue(registered, "ring " + i + " found the keeper's table full: an earlier ring kept its slot");
        }
    }
}
