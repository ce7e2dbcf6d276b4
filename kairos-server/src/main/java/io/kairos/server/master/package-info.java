/** The masters' replicated state machine: the scheduler, and the key-value map beside it. */
package io.kairos.server.master;
