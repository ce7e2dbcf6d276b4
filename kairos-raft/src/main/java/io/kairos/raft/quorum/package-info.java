/**
 * Quorum arithmetic: majorities and joint majorities, for commit indexes, elections and
 * check-quorum. Pure functions over sets of node ids; depends on nothing but the JDK.
 */
package io.kairos.raft.quorum;
