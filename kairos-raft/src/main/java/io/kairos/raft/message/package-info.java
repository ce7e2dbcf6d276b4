/**
 * The Raft protocol's messages: immutable records in one sealed interface, validated when built.
 * Depends on nothing but the core's value types and the JDK.
 */
package io.kairos.raft.message;
