/**
 * Durability barriers shared by the storage packages: forcing a file, forcing a directory after a
 * rename, and the rule that a failed fsync is fatal. Depends on the JDK and SLF4J only.
 */
package io.kairos.storage.fsync;
