package dev.jzx.testsuite;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/** Keeps every record published to it, for tests that check what jzx logged. */
public final class LogRecords extends Handler {
    /** What was published, in order. */
    public final List<LogRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void publish(LogRecord r) {
        records.add(r);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
