package dev.jzx.iouring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jzx.internal.Errnos;
import org.junit.jupiter.api.Test;

/**
 * Each errno of a refused {@code io_uring_setup} says what it means. The refusals themselves are
 * played for real by bench's RefusedSetupLaunch (a seccomp filter in a child JVM).
 */
class SetupFailureTest {
    @Test
    void eachErrnoOfSetupSaysWhatItMeans() {
        assertTrue(SetupFailure.meaning(Errnos.EPERM, "2").contains("kernel.io_uring_disabled=2"));
        assertTrue(SetupFailure.meaning(Errnos.EPERM, "0").contains("seccomp"));
        assertTrue(SetupFailure.meaning(Errnos.ENOSYS, "0").contains("seccomp"));
        assertTrue(SetupFailure.meaning(Errnos.ENOMEM, "0").contains("memory"));
        assertTrue(SetupFailure.meaning(Errnos.EMFILE, "0").contains("RLIMIT_NOFILE"));
        String failure = SetupFailure.of(Errnos.ENOMEM, 64, 256).getMessage();
        assertTrue(failure.startsWith("io_uring_setup(64 entries, completion queue 256) failed with ENOMEM: "), failure);
    }
}
