package dev.jzx.kqueue;

import static dev.jzx.Io.HANGUP;
import static dev.jzx.Io.READ;
import static dev.jzx.Io.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.channel.IoOps;
import io.netty.channel.IoRegistration;
import io.netty.channel.kqueue.KQueueIoEvent;
import io.netty.channel.kqueue.KQueueIoOps;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The filter changes a watch makes and the readiness its events give, against a recording
 * registration: no kqueue needed, so this runs on every OS.
 */
class WatchedFdTest {
    private final List<KQueueIoOps> submitted = new ArrayList<>();
    private final List<int[]> reported = new ArrayList<>();
    private final ReadyRecorder recorder = new ReadyRecorder();
    private final WatchedFd w = new WatchedFd(5, recorder);

    WatchedFdTest() {
        w.registration = new IoRegistration() {
            @Override
            public <T> T attachment() {
                return null;
            }

            @Override
            public long submit(IoOps ops) {
                submitted.add((KQueueIoOps) ops);
                return 0;
            }

            @Override
            public boolean isValid() {
                return true;
            }

            @Override
            public boolean cancel() {
                return true;
            }
        };
    }

    private List<String> changes() {
        List<String> s = new ArrayList<>();
        for (KQueueIoOps o : submitted) {
            s.add((o.filter() == KqueueFilters.EVFILT_READ ? "READ" : "WRITE") + (o.flags() == KqueueFilters.EV_DELETE ? "-" : "+"));
        }
        submitted.clear();
        return s;
    }

    @Test
    void armAddsAndDeletesOnlyWhatChanges() {
        assertEquals(1, w.arm(READ, true));
        assertEquals(List.of("READ+"), changes());
        assertEquals(1, w.arm(READ | WRITE, false));
        assertEquals(List.of("WRITE+"), changes());
        assertEquals(1, w.arm(WRITE, false));
        assertEquals(List.of("READ-"), changes());
        assertEquals(1, w.disarm());
        assertEquals(List.of("WRITE-"), changes());
        assertEquals(0, w.disarm(), "nothing left to delete");
    }

    @Test
    void aNewWatchAddsItsFiltersAgainForTheFileTheNumberNamesNow() {
        w.arm(READ | WRITE, true);
        changes();
        assertEquals(2, w.arm(READ | WRITE, true), "the old file's knotes went with close(2): add again");
        assertEquals(List.of("READ+", "WRITE+"), changes());
        assertEquals(2, w.arm(READ, true));
        assertEquals(List.of("READ+", "WRITE-"), changes());
    }

    @Test
    void forgetQueuesNothing() {
        w.arm(READ, true);
        changes();
        w.forget();
        assertEquals(0, w.disarm());
        assertEquals(List.of(), changes());
    }

    @Test
    void eventsAreRecordedWithTheCurrentToken() {
        recorder.use((fd, token, readiness) -> reported.add(new int[] {fd, token, readiness}));
        w.token = 42;
        w.handle(w.registration, KQueueIoEvent.newEvent(5, KqueueFilters.EVFILT_READ, KqueueFilters.EV_EOF, 0));
        w.handle(w.registration, KQueueIoEvent.newEvent(5, KqueueFilters.EVFILT_WRITE, (short) 0, 0));
        assertEquals(2, reported.size(), "one callback per filter");
        assertEquals(List.of(5, 42, READ | HANGUP), List.of(reported.get(0)[0], reported.get(0)[1], reported.get(0)[2]));
        assertEquals(WRITE, reported.get(1)[2]);
    }

    @Test
    void aThrowingSinkIsHeldUntilTheRunIsOver() {
        RuntimeException boom = new IllegalStateException("boom");
        recorder.use((fd, token, readiness) -> {
            throw boom;
        });
        w.handle(w.registration, KQueueIoEvent.newEvent(5, KqueueFilters.EVFILT_READ, (short) 0, 0)); // does not throw
        w.handle(w.registration, KQueueIoEvent.newEvent(5, KqueueFilters.EVFILT_WRITE, (short) 0, 0));
        recorder.use(null);
        assertSame(boom, assertThrows(IllegalStateException.class, recorder::rethrow));
        recorder.rethrow(); // once
    }

    @Test
    void nothingIsRecordedOutsideAPoll() {
        w.handle(w.registration, KQueueIoEvent.newEvent(5, KqueueFilters.EVFILT_READ, (short) 0, 0)); // no sink: dropped
        List<int[]> seen = new ArrayList<>();
        recorder.use((fd, token, readiness) -> seen.add(new int[] {fd, token, readiness}));
        w.handle(w.registration, KQueueIoEvent.newEvent(5, KqueueFilters.EVFILT_WRITE, (short) 0, 0));
        recorder.rethrow();
        assertEquals(1, seen.size(), "only the event inside the poll reaches its sink, nothing kept from before");
        assertEquals(WRITE, seen.get(0)[2]);
    }
}
