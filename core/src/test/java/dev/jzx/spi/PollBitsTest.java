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
    void eventsAskedForEachInterest() {
        assertEquals(POLLIN | POLLRDHUP, PollBits.events(READ));
        assertEquals(POLLOUT, PollBits.events(WRITE));
        assertEquals(POLLIN | POLLRDHUP | POLLOUT, PollBits.events(READ | WRITE));
    }
}
