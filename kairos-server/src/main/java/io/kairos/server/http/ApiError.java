package io.kairos.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * An error answer: the HTTP status, a stable machine-readable code, and a sentence for people.
 *
 * @param leader on a follower, the leader's node id if known
 * @param leaderUrl on a follower, the leader's API base URL if known
 * @param retryAfterSeconds when set, the client may retry after that long
 */
record ApiError(HttpResponseStatus status, String code, String message, Integer leader, String leaderUrl,
        Integer retryAfterSeconds) {

    static ApiError of(HttpResponseStatus status, String code, String message) {
        return new ApiError(status, code, message, null, null, null);
    }

    static ApiError retryable(HttpResponseStatus status, String code, String message, int retryAfterSeconds) {
        return new ApiError(status, code, message, null, null, retryAfterSeconds);
    }
}
