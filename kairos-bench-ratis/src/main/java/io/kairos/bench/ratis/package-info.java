/**
 * Apache Ratis (gRPC transport) under the Raft comparison workloads. Runs in its own JVM with this
 * module's classpath ({@code target/classpath.txt}), launched by {@code io.kairos.bench.CompareBench};
 * depends on Ratis and HdrHistogram only, and nothing in Kairos depends on it. The workload classes
 * ({@code Entries}, {@code KeyValueMap}, {@code PutWorkload}, {@code W1Result}) are kept identical
 * to those of {@code kairos-bench-jraft}: the two modules may not share a classpath.
 */
package io.kairos.bench.ratis;
