/**
 * SOFAJRaft (bolt transport, RocksDB log storage) under the Raft comparison workloads. Runs in its
 * own JVM with this module's classpath ({@code target/classpath.txt}), launched by
 * {@code io.kairos.bench.CompareBench}; its bolt brings Netty 4.1, which must never meet Kairos's
 * Netty 4.2. Depends on SOFAJRaft and HdrHistogram only, and nothing in Kairos depends on it. The
 * workload classes ({@code Entries}, {@code KeyValueMap}, {@code PutWorkload}, {@code W1Result})
 * are kept identical to those of {@code kairos-bench-ratis}.
 */
package io.kairos.bench.jraft;
