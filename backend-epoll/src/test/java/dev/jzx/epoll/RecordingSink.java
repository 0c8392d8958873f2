package dev.jzx.epoll;

import dev.jzx.spi.ReadySink;
import java.util.ArrayList;
import java.util.List;

/** Keeps every (fd, token, readiness) a backend reported. */
final class RecordingSink implements ReadySink {
    record Ready(int fd, int token, int readiness) {
    }

    final List<Ready> reports = new ArrayList<>();

    @Override
    public void ready(int fd, int token, int readiness) {
        reports.add(new Ready(fd, token, readiness));
    }

    List<Ready> forFd(int fd) {
        return reports.stream().filter(r -> r.fd() == fd).toList();
    }

    void clear() {
        reports.clear();
    }
}
