package dev.jzx.epoll;

import static dev.jzx.Io.READ;
import static dev.jzx.Io.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.jzx.spi.PollBits;
import org.junit.jupiter.api.Test;

/** The Netty adapter's ops: the events each interest asks for, made once. */
class NettyOpsTest {

    @Test
    void eventsAskedForEachInterest() {
        assertEquals(PollBits.POLLIN | PollBits.POLLRDHUP, NettyOps.of(PollBits.events(READ)).value());
        assertEquals(PollBits.POLLOUT, NettyOps.of(PollBits.events(WRITE)).value());
        assertEquals(0, NettyOps.of(PollBits.events(READ | WRITE)).value() & 0x80000000, "never EPOLLET");
    }

    @Test
    void theOpsOfEachInterestAreMadeOnce() {
        for (int interest = READ; interest <= (READ | WRITE); interest++) {
            int events = PollBits.events(interest);
            assertSame(NettyOps.of(events), NettyOps.of(events), "interest " + interest);
        }
    }
}
