package dev.jzx.iouring;

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

/** More rings open at once than a thread's table of registered rings holds (16): all of them work. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@EnabledOnOs(value = OS.LINUX, disabledReason = "io_uring exists on Linux only")
class ManyRingsTest {
    static {
        assertTrue(new IoUringBackendProvider().availability().isAvailable(), "io_uring must be available here");
    }

    @Test
    void moreRingsOpenAtOnceThanTheTableHoldsAllWork() {
        List<BackendHarness> open = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                BackendHarness h = new BackendHarness(16, 16, true);
                open.add(h);
                io.netty.channel.unix.FileDescriptor[] p = h.pipe();
                h.backend.register(p[1].intValue(), WRITE, 1);
                h.pollUntil(() -> h.sink.count() >= 1, "WRITE on ring " + open.size());
                assertEquals(WRITE, h.sink.reports.get(0).readiness());
            }
        } finally {
            for (BackendHarness h : open) {
                h.close();
            }
        }
    }
}
