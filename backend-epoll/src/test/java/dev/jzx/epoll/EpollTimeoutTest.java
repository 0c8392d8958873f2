package dev.jzx.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** epoll_wait's millisecond timeout, as the FFM adapter computes it. */
class EpollTimeoutTest {

    @Test
    void zeroDoesNotBlockAndNegativeHasNoLimit() {
        assertEquals(0, EpollTimeout.millis(0));
        assertEquals(-1, EpollTimeout.millis(-1));
        assertEquals(-1, EpollTimeout.millis(Long.MIN_VALUE));
    }

    @Test
    void aPartialMillisecondIsRoundedUp() {
        assertEquals(1, EpollTimeout.millis(1));
        assertEquals(1, EpollTimeout.millis(500_000));
        assertEquals(1, EpollTimeout.millis(1_000_000));
        assertEquals(2, EpollTimeout.millis(1_000_001));
        assertEquals(1000, EpollTimeout.millis(999_999_999));
    }

    @Test
    void aVeryLongWaitIsCappedNotWrapped() {
        assertEquals(Integer.MAX_VALUE, EpollTimeout.millis(Long.MAX_VALUE));
        assertEquals(Integer.MAX_VALUE, EpollTimeout.millis((Integer.MAX_VALUE + 1L) * 1_000_000));
    }
}
