package dev.jzx.testsuite;

import dev.jzx.spi.ReadySink;
import java.util.ArrayList;
import java.util.List;

/** Records, in order, every (fd, token, readiness) a backend reports: for backend-level tests. */
public final class RecordingSink implements ReadySink {
    /** One report. */
    public record Ready(int fd, int token, int readiness) {
    }

    /** Every report so far. */
    public final List<Ready> reports = new ArrayList<>();

    @Override
    public void ready(int fd, int token, int readiness) {
        reports.add(new Ready(fd, token, readiness));
    }

    /** @return the reports for {@code fd} */
    public List<Ready> forFd(int fd) {
        return reports.stream().filter(r -> r.fd() == fd).toList();
    }

    /** @return the reports carrying {@code token} */
    public List<Ready> forToken(int token) {
        return reports.stream().filter(r -> r.token() == token).toList();
    }

    /** @return how many reports so far */
    public int count() {
        return reports.size();
    }

    /** Forgets every report. */
    public void clear() {
        reports.clear();
    }
}
