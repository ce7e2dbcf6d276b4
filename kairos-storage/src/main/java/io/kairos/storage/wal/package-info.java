/**
 * The segmented write-ahead log of Raft entries: {@link io.kairos.storage.wal.WriteAheadLog} over
 * size-bounded segment files named by their first index, each record framed with a length and a
 * CRC32C. Single-threaded: the caller serialises access; {@code append} writes and {@code sync}
 * forces, so a group-commit layer can batch many appends before one fsync.
 *
 * <p>Depends on {@code io.kairos.raft}'s value types, the JDK and the SLF4J API only; it must not
 * depend on the hard-state or snapshot packages.
 */
package io.kairos.storage.wal;
