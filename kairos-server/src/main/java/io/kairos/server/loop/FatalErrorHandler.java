package io.kairos.server.loop;

/**
 * What happens when a master cannot go on safely (its storage failed, its state machine threw):
 * the process must stop rather than keep voting or answering on state it can no longer trust.
 */
@FunctionalInterface
public interface FatalErrorHandler {

    void fatal(String what, Throwable cause);
}
