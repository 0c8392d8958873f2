package dev.jzx.iouring.netty;

import dev.jzx.testsuite.LogRecords;
import dev.jzx.spi.PollBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.IoEvent;
import io.netty.channel.IoRegistration;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.uring.IoUringIoEvent;
import io.netty.channel.uring.IoUringIoHandle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * What this backend relies on inside Netty is there, as relied on: a Netty upgrade that changes
 * it fails this build rather than a user's production ({@link NettyCoupling}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@EnabledOnOs(value = OS.LINUX, disabledReason = "io_uring exists on Linux only")
class NettyCouplingTest {
    static {
        NettyAvailable.require();
    }

    @Test
    void theNettyOnTheClassPathIsTheTestedOne() {
        assertEquals(NettyCoupling.TESTED_VERSION, NettyCoupling.runningVersion(),
                "move NettyCoupling.TESTED_VERSION with the parent POM's netty.tested.version, after checking this class");
    }

    @Test
    void everyPrivateMemberAndConstructorReliedOnIsAsExpected() {
        assertEquals(List.of(), NettyCoupling.mismatches());
    }

    @Test
    void submissionsCarryRegistrationOpcodeAndDataInTheirUserData() throws IOException {
        NettyRing ring = new NettyRing(16, 16);
        FileDescriptor[] pipe = FileDescriptor.pipe();
        ring.enter();
        try {
            List<long[]> seen = new ArrayList<>();
            IoRegistration reg = ring.register(new IoUringIoHandle() {
                @Override
                public void handle(IoRegistration r, IoEvent e) {
                    IoUringIoEvent event = (IoUringIoEvent) e;
                    seen.add(new long[] {event.opcode(), event.userData(), event.res()});
                }

                @Override
                public void close() {
                }
            });
            int data = ring.generationMask(); // the largest generation
            long id = reg.submit(NettyPollOps.pollAdd(pipe[1].intValue(), PollBits.POLLOUT, false, data));
            assertTrue(NettyCoupling.userDataMatches(id, NettyPollOps.IORING_OP_POLL_ADD, data), Long.toHexString(id));
            assertFalse(NettyCoupling.userDataMatches(id, NettyPollOps.IORING_OP_POLL_REMOVE, data));
            for (int i = 0; i < 100 && seen.isEmpty(); i++) {
                ring.run(10_000_000L);
            }
            assertEquals(1, seen.size(), "one completion of the POLL_ADD");
            assertEquals(NettyPollOps.IORING_OP_POLL_ADD, seen.get(0)[0]);
            assertEquals(data, seen.get(0)[1], "the completion gives the data back as its userData()");
            assertEquals(PollBits.POLLOUT, seen.get(0)[2], "the entry's fields reached the kernel as POLL_ADD's");
            reg.cancel();
        } finally {
            ring.destroy();
            ring.leave();
            pipe[0].close();
            pipe[1].close();
        }
    }

    @Test
    void aBrokenCouplingMakesTheBackendUnavailableWithAWarning() {
        LogRecords capture = new LogRecords();
        List<LogRecord> records = capture.records;
        Logger jzx = Logger.getLogger("dev.jzx");
        jzx.addHandler(capture);
        RingProbe probe;
        try {
            probe = RingProbe.couplingBroken(List.of("SubmissionQueue.enterRingFd is gone"));
        } finally {
            jzx.removeHandler(capture);
        }
        assertFalse(probe.availability.isAvailable());
        String why = probe.availability.describe();
        assertTrue(why.contains("enterRingFd is gone") && why.contains(NettyCoupling.TESTED_VERSION), why);
        assertEquals(1, records.size());
        assertEquals(Level.WARNING, records.get(0).getLevel());
        assertTrue(records.get(0).getMessage().contains("enterRingFd is gone"), records.get(0).getMessage());
    }
}
