package dev.jzx.kqueue;

import static dev.jzx.Io.ERROR;
import static dev.jzx.Io.HANGUP;
import static dev.jzx.Io.READ;
import static dev.jzx.Io.WRITE;
import static dev.jzx.kqueue.KqueueFilters.EVFILT_READ;
import static dev.jzx.kqueue.KqueueFilters.EVFILT_WRITE;
import static dev.jzx.kqueue.KqueueFilters.EV_EOF;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The kevent constants and their translation; pure Java, so it runs on every OS. */
class KqueueFiltersTest {

    @Test
    void theSysEventHValues() {
        assertEquals(-1, EVFILT_READ);
        assertEquals(-2, EVFILT_WRITE);
        assertEquals(0x8000, EV_EOF & 0xffff);
        assertEquals(EVFILT_READ, KqueueFilters.ADD_READ.filter());
        assertEquals(0x1 | 0x4, KqueueFilters.ADD_READ.flags(), "EV_ADD|EV_ENABLE");
        assertEquals(EVFILT_WRITE, KqueueFilters.ADD_WRITE.filter());
        assertEquals(0x2, KqueueFilters.DELETE_READ.flags(), "EV_DELETE");
        assertEquals(EVFILT_WRITE, KqueueFilters.DELETE_WRITE.filter());
        for (var ops : new io.netty.channel.kqueue.KQueueIoOps[] {KqueueFilters.ADD_READ, KqueueFilters.ADD_WRITE}) {
            assertEquals(0, ops.flags() & (0x10 | 0x20 | 0x80), "no EV_ONESHOT, EV_CLEAR or EV_DISPATCH: level-triggered");
        }
    }

    @Test
    void readinessOfEachFilter() {
        assertEquals(READ, KqueueFilters.readiness(EVFILT_READ, (short) 0, 0));
        assertEquals(WRITE, KqueueFilters.readiness(EVFILT_WRITE, (short) 0, 0));
        assertEquals(READ | HANGUP, KqueueFilters.readiness(EVFILT_READ, EV_EOF, 0), "writer or peer gone");
        assertEquals(WRITE | ERROR, KqueueFilters.readiness(EVFILT_WRITE, EV_EOF, 0), "reader gone: EPIPE");
        assertEquals(READ | HANGUP | ERROR, KqueueFilters.readiness(EVFILT_READ, EV_EOF, 54), "ECONNRESET in fflags");
        assertEquals(0, KqueueFilters.readiness((short) -4, (short) 0, 0), "EVFILT_VNODE is never added");
    }
}
