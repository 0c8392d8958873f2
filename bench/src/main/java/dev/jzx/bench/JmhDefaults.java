package dev.jzx.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH options every benchmark here runs with, in one place so that jzx's benchmarks and
 * their peers cannot drift apart: the README compares their figures side by side. JMH reads
 * these annotations from a benchmark's superclasses; a benchmark that needs other options (the
 * timers' larger heap) declares only those, and the nearest annotation wins.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public abstract class JmhDefaults {
    /** For subclasses only. */
    protected JmhDefaults() {
    }
}
