package dev.jzx.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.BackendUnavailableException;
import dev.jzx.Loop;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The selection rules S1-S7 of {@code docs/contract.md}, against stub providers and a property map. */
class BackendSelectorTest {
    private final Map<String, String> props = new HashMap<>();

    private BackendSelector selector(BackendProvider... providers) {
        return new BackendSelector(List.of(providers), List.of(), props::get);
    }

    private static List<String> names(List<BackendProvider> ps) {
        return ps.stream().map(BackendProvider::name).toList();
    }

    @Test
    void defaultOrderFollowsPreferenceRank() {
        BackendSelector s = selector(StubProvider.available("kqueue", 300), StubProvider.available("io_uring", 100),
                StubProvider.available("epoll", 200));
        assertEquals(List.of("io_uring", "epoll", "kqueue"), names(s.ordered()));
        try (Backends.Opened loop = s.open()) {
            assertEquals("io_uring", loop.name());
        }
    }

    @Test
    void thePreferencePropertyReorders() {
        props.put(Backends.PREFERENCE_PROPERTY, " epoll , io_uring,nope");
        BackendSelector s = selector(StubProvider.available("io_uring", 100), StubProvider.available("epoll", 200),
                StubProvider.available("kqueue", 300));
        assertEquals(List.of("epoll", "io_uring", "kqueue"), names(s.ordered()));
        try (Backends.Opened loop = s.open()) {
            assertEquals("epoll", loop.name());
        }
    }

    @Test
    void theFirstAvailableIsTakenAndLaterOnesAreNeverProbed() {
        StubProvider uring = StubProvider.unavailable("io_uring", 100, "io_uring_setup refused");
        StubProvider epoll = StubProvider.available("epoll", 200);
        StubProvider kqueue = StubProvider.available("kqueue", 300);
        try (Backends.Opened loop = selector(uring, epoll, kqueue).open()) {
            assertEquals("epoll", loop.name());
        }
        assertEquals(0, kqueue.probes, "a backend after the chosen one was probed (its native code loaded)");
        assertEquals(0, uring.opens);
    }

    @Test
    void aProbeIsMadeOncePerSelector() {
        StubProvider epoll = StubProvider.available("epoll", 200);
        BackendSelector s = selector(epoll);
        s.open().close();
        s.open().close();
        s.available();
        assertEquals(1, epoll.probes);
    }

    @Test
    void aProviderThatThrowsWhileProbedIsUnavailableWithThatCause() {
        StubProvider broken = StubProvider.throwingProbe("io_uring", 100);
        BackendSelector s = selector(broken, StubProvider.available("epoll", 200));
        try (Backends.Opened loop = s.open()) {
            assertEquals("epoll", loop.name());
        }
        assertFalse(s.availability(broken).isAvailable());
        assertTrue(s.availability(broken).cause() instanceof UnsatisfiedLinkError);
        props.put(Backends.BACKEND_PROPERTY, "io_uring");
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, s::open);
        assertTrue(e.getMessage().contains("no libnative_io_uring"), e.getMessage());
        assertTrue(e.getCause() instanceof UnsatisfiedLinkError);
    }

    @Test
    void anAvailableProviderThatFailsToOpenFallsBackUnlessForced() {
        BackendSelector s = selector(StubProvider.failingOpen("io_uring", 100), StubProvider.available("epoll", 200));
        try (Backends.Opened loop = s.open()) {
            assertEquals("epoll", loop.name());
        }
        props.put(Backends.BACKEND_PROPERTY, "io_uring");
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, s::open);
        assertTrue(e.getMessage().contains("EPERM") && e.getMessage().contains("available: io_uring, epoll"),
                e.getMessage());
    }

    @Test
    void theForcedBackendIsUsedEvenWhenOthersComeFirst() {
        props.put(Backends.BACKEND_PROPERTY, "kqueue");
        StubProvider uring = StubProvider.available("io_uring", 100);
        try (Backends.Opened loop = selector(uring, StubProvider.available("kqueue", 300)).open()) {
            assertEquals("kqueue", loop.name());
        }
        assertEquals(0, uring.opens);
    }

    @Test
    void aForcedUnavailableBackendThrowsNamingItsCauseAndTheAvailableOnes() {
        props.put(Backends.BACKEND_PROPERTY, "io_uring");
        StubProvider epoll = StubProvider.available("epoll", 200);
        BackendSelector s = selector(StubProvider.unavailable("io_uring", 100, "kernel.io_uring_disabled=2"), epoll);
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, s::open);
        String m = e.getMessage();
        assertTrue(m.contains("-Djzx.backend=io_uring"), m);
        assertTrue(m.contains("kernel.io_uring_disabled=2"), m);
        assertTrue(m.contains("available: epoll"), m);
        assertEquals(0, epoll.opens, "no silent fallback when the user forced a backend");
    }

    @Test
    void aForcedUnknownBackendThrowsNamingTheKnownAndAvailableOnes() {
        props.put(Backends.BACKEND_PROPERTY, "nope");
        BackendSelector s = selector(StubProvider.available("epoll", 200),
                StubProvider.unavailable("kqueue", 300, "only on BSD"));
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, s::open);
        String m = e.getMessage();
        assertTrue(m.contains("nope") && m.contains("no such backend"), m);
        assertTrue(m.contains("known: epoll, kqueue"), m);
        assertTrue(m.contains("available: epoll"), m);
    }

    @Test
    void openByNameIgnoresThePropertiesAndIsExact() {
        props.put(Backends.BACKEND_PROPERTY, "epoll");
        BackendSelector s = selector(StubProvider.available("epoll", 200), StubProvider.available("io_uring", 100));
        try (Backends.Opened loop = s.open("io_uring")) {
            assertEquals("io_uring", loop.name());
        }
        assertThrows(IllegalArgumentException.class, () -> s.open(" "));
        assertThrows(BackendUnavailableException.class, () -> s.open("kqueue"));
    }

    @Test
    void noAvailableBackendListsEveryCause() {
        BackendSelector s = selector(StubProvider.unavailable("io_uring", 100, "io_uring refused"),
                StubProvider.unavailable("epoll", 200, "epoll refused"));
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, s::open);
        assertTrue(e.getMessage().contains("io_uring: io_uring refused") && e.getMessage().contains("epoll: epoll refused"),
                e.getMessage());
        BackendUnavailableException none = assertThrows(BackendUnavailableException.class, () -> selector().open());
        assertTrue(none.getMessage().contains("no backend provider is installed"), none.getMessage());
    }

    @Test
    void theSystemSelectorFindsProvidersThroughServiceLoaderAndSurvivesABrokenOne() {
        BackendSelector system = BackendSelector.system();
        assertTrue(names(system.ordered()).contains("fake"), names(system.ordered()).toString());
        assertEquals(1, system.brokenProviders().size(), system.brokenProviders().toString());
        assertTrue(system.brokenProviders().get(0).contains("BrokenProvider"), system.brokenProviders().toString());
        try (Loop loop = Loop.open()) {
            assertEquals("fake", loop.backend());
        }
    }
}
