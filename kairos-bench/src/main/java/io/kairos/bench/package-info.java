/**
 * Benchmarks run as plain {@code main} programs on the local disk, printing their figures and
 * writing them as JSON under {@code kairos-bench/target/}. Depends on {@code kairos-storage} and
 * HdrHistogram; nothing depends on it.
 */
package io.kairos.bench;
