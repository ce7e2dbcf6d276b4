package io.kairos.api.worker;

/**
 * Any 4xx or 5xx answer, the masters' common error shape. {@code error} is a stable code
 * ({@code bad_request}, {@code not_leader}, {@code no_leader}, {@code busy}, {@code timeout}, ...),
 * {@code message} says precisely what was wrong, and on a follower {@code leaderUrl} (may be null)
 * is the leader's API base URL.
 */
public record WorkerError(String error, String message, Integer leader, String leaderUrl) {
}
