package dev.jzx.bench;

/**
 * One measured cell of the report.
 *
 * @param scenario    what was measured
 * @param backend     a jzx backend's name, or {@link #SELECTOR}
 * @param nanos       mean time per operation, ns
 * @param error       half-width of JMH's 99.9 % confidence interval, ns (NaN when unknown)
 * @param allocBytes  bytes allocated per operation ({@code -prof gc}), NaN when unknown
 */
record BenchResult(Scenario scenario, String backend, double nanos, double error, double allocBytes) {
    static final String SELECTOR = "jdk-selector";
}
