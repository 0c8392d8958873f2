package dev.jzx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** Records jzx's JFR events around a piece of work, for tests. */
public final class JfrRecordings {
    public static final String RUN = "dev.jzx.Run";
    public static final String SELECTION = "dev.jzx.BackendSelection";

    private JfrRecordings() {
    }

    public static List<RecordedEvent> record(Recording r, Runnable work) throws IOException {
        r.start();
        try {
            work.run();
        } finally {
            r.stop();
        }
        Path file = Files.createTempFile("jzx-jfr", ".jfr");
        try {
            r.dump(file);
            return RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().startsWith("dev.jzx."))
                    .collect(Collectors.toList());
        } finally {
            r.close();
            Files.deleteIfExists(file);
        }
    }

    public static Recording enabling(String... names) {
        Recording r = new Recording();
        for (String n : names) {
            r.enable(n).withThreshold(Duration.ZERO);
        }
        return r;
    }

    public static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }

}
