package dev.jzx.iouring;

import dev.jzx.spi.ReadySink;
import java.util.ArrayList;
import java.util.List;

/** Records what a backend reports, in order. */
final class RecordingSink implements ReadySink {
    record Ready(int fd, int token, int readiness) {
    }

    final List<Ready> reports = new ArrayList<>();

    @Override
    public void ready(int fd, int token, int readiness) {
        reports.add(new Ready(fd, token, readiness));
    }

    List<Ready> forToken(int token) {
        return reports.stream().filter(r -> r.token() == token).toList();
    }

    int count() {
        return reports.size();
    }

    void clear() {
        reports.clear();
    }
}
