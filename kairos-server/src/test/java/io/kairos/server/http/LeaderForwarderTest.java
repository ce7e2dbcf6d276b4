package io.kairos.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a follower does with a write it cannot commit itself; the happy path runs in JobApiTest. */
class LeaderForwarderTest {

    final LeaderForwarder forwarder = new LeaderForwarder("n2", Duration.ofSeconds(5));

    @Test
    void onlyWritesNotYetForwardedAreForwarded() {
        assertThat(LeaderForwarder.forwards(HttpMethod.POST, "/v1/jobs", new DefaultHttpHeaders())).isTrue();
        assertThat(LeaderForwarder.forwards(HttpMethod.DELETE, "/v1/jobs/j", new DefaultHttpHeaders())).isTrue();
        assertThat(LeaderForwarder.forwards(HttpMethod.GET, "/v1/jobs/j", new DefaultHttpHeaders()))
                .as("reads use ReadIndex").isFalse();
        assertThat(LeaderForwarder.forwards(HttpMethod.GET, "/v1/runs/7/log", new DefaultHttpHeaders()))
                .as("only the leader fetches logs").isTrue();
        assertThat(LeaderForwarder.forwards(HttpMethod.POST, "/v1/jobs",
                new DefaultHttpHeaders().add(LeaderForwarder.FORWARDED_BY, "n1"))).as("one hop").isFalse();
    }

    @Test
    void anAnswerOtherThanARedirectIsReturnedAsItIs() throws Exception {
        FullHttpResponse busy = ApiRoutes.error(ApiError.retryable(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy",
                "queue full", 1));
        assertThat(forwarder.relay(busy, HttpMethod.POST, new DefaultHttpHeaders(), new byte[0])
                .get(5, TimeUnit.SECONDS)).isSameAs(busy);
    }

    @Test
    void aLeaderThatCannotBeReachedGivesA503WithARetryHint() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort(); // free once closed: nothing listens there
        }
        FullHttpResponse redirect = ApiRoutes.error(new ApiError(HttpResponseStatus.TEMPORARY_REDIRECT, "not_leader",
                "n2 is not the leader", 1, "http://127.0.0.1:" + closed, null));
        redirect.headers().set(HttpHeaderNames.LOCATION, "http://127.0.0.1:" + closed + "/v1/jobs");
        FullHttpResponse answer = forwarder.relay(redirect, HttpMethod.POST, new DefaultHttpHeaders(),
                "{}".getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(HttpResponseStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.headers().get(HttpHeaderNames.RETRY_AFTER)).isEqualTo("1");
        assertThat(answer.content().toString(StandardCharsets.UTF_8)).contains("\"error\":\"leader_unreachable\"")
                .contains("n2 could not forward the call to the leader at http://127.0.0.1:" + closed + "/v1/jobs");
    }
}
