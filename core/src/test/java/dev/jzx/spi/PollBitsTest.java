package dev.jzx.spi;

import static dev.jzx.Io.ERROR;
import static dev.jzx.Io.HANGUP;
import static dev.jzx.Io.READ;
import static dev.jzx.Io.WRITE;
import static dev.jzx.spi.PollBits.POLLERR;
import static dev.jzx.spi.PollBits.POLLHUP;
import static dev.jzx.spi.PollBits.POLLIN;
import static dev.jzx.spi.PollBits.POLLNVAL;
import static dev.jzx.spi.PollBits.POLLOUT;
import static dev.jzx.spi.PollBits.POLLRDHUP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PollBitsTest {

    @Test
    void eachBitTranslates() {
        assertEquals(READ, PollBits.readiness(POLLIN, READ));
        assertEquals(WRITE, PollBits.readiness(POLLOUT, WRITE));
        assertEquals(ERROR, PollBits.readiness(POLLERR, READ));
        assertEquals(HANGUP, PollBits.readiness(POLLHUP, WRITE), "POLLHUP whatever the interest, as poll(2)");
        assertEquals(ERROR | Backend.DROPPED, PollBits.readiness(POLLNVAL, READ));
        assertEquals(0, PollBits.readiness(0x2, READ | WRITE), "POLLPRI is not asked for and has no Io bit");
    }

    @Test
    void peerHalfCloseIsAHangUpOnlyForAReader() {
        assertEquals(READ | HANGUP, PollBits.readiness(POLLIN | POLLRDHUP, READ));
        assertEquals(READ | WRITE | HANGUP, PollBits.readiness(POLLIN | POLLOUT | POLLRDHUP, READ | WRITE));
        assertEquals(0, PollBits.readiness(POLLRDHUP, WRITE), "poll(2) with POLLOUT alone does not report it");
        assertEquals(WRITE, PollBits.readiness(POLLOUT | POLLRDHUP, WRITE));
        assertEquals(0, PollBits.readiness(POLLIN | POLLRDHUP, WRITE), "a readable EOF is not news to a writer");
    }

    @Test
    void aKernelThatFiltersNeedsNoInterest() {
        int[] bits = {POLLIN, 0x2, POLLOUT, POLLERR, POLLHUP, POLLNVAL, POLLRDHUP};
        for (int interest : new int[] {READ, WRITE, READ | WRITE}) {
            int returnable = PollBits.events(interest) | POLLERR | POLLHUP | POLLNVAL;
            for (int subset = 0; subset < 1 << bits.length; subset++) {
                int revents = 0;
                for (int b = 0; b < bits.length; b++) {
                    revents |= (subset >> b & 1) != 0 ? bits[b] : 0;
                }
                int filtered = revents & returnable; // what epoll can return for this interest
                String what = "revents 0x" + Integer.toHexString(revents) + " with interest " + interest;
                assertEquals(pollTranslation(revents, interest), PollBits.readiness(revents, interest), what);
                assertEquals(pollTranslation(revents, interest), PollBits.readiness(revents & returnable), what);
            }
        }
        assertEquals(0, PollBits.readiness(0x2 | 0x40 | 0x80), "bits with no Io meaning translate to nothing");
    }

    /** poll(2)'s meaning, bit by bit, as the javadoc of {@link PollBits#readiness(int, int)} says it. */
    private static int pollTranslation(int revents, int interest) {
        int r = 0;
        if ((revents & POLLIN) != 0 && (interest & READ) != 0) {
            r |= READ;
        }
        if ((revents & POLLOUT) != 0 && (interest & WRITE) != 0) {
            r |= WRITE;
        }
        if ((revents & POLLERR) != 0) {
            r |= ERROR;
        }
        if ((revents & POLLHUP) != 0 || (revents & POLLRDHUP) != 0 && (interest & READ) != 0) {
            r |= HANGUP;
        }
        if ((revents & POLLNVAL) != 0) {
            r |= ERROR | Backend.DROPPED;
        }
        return r;
    }

    @Test
    void eventsAskedForEachInterest() {
        assertEquals(POLLIN | POLLRDHUP, PollBits.events(READ));
        assertEquals(POLLOUT, PollBits.events(WRITE));
        assertEquals(POLLIN | POLLRDHUP | POLLOUT, PollBits.events(READ | WRITE));
    }
}
