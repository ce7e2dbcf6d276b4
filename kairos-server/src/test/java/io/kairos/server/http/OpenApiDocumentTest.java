package io.kairos.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAPI document parses, describes every route the masters serve, and its references resolve. */
class OpenApiDocumentTest {

    static final List<String> SERVED = List.of("/v1/jobs", "/v1/jobs/{jobId}", "/v1/jobs/{jobId}/pause",
            "/v1/jobs/{jobId}/resume", "/v1/jobs/{jobId}/trigger", "/v1/jobs/{jobId}/runs", "/v1/runs",
            "/v1/runs/{runId}", "/v1/runs/{runId}/log", "/v1/runs/{runId}/cancel", "/v1/workers",
            "/v1/workers/register", "/v1/workers/{workerId}/poll", "/v1/workers/{workerId}/reports",
            "/v1/workers/{workerId}/logs", "/v1/workers/{workerId}/deregister", "/v1/cluster", "/v1/kv/{key}",
            "/v1/openapi.yaml", "/metrics", "/health", "/ready");

    @Test
    void theDocumentCoversTheServedRoutesAndEveryReferenceResolves() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(ApiRoutes.OPENAPI);
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        List<String> paths = new ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).containsExactlyInAnyOrderElementsOf(SERVED);
        for (String ref : doc.findValuesAsText("$ref")) {
            JsonNode target = doc;
            for (String part : ref.substring(2).split("/")) {
                target = target.get(part);
                assertThat(target).as("%s resolves", ref).isNotNull();
            }
        }
        for (String path : paths) {
            String concrete = path.replace("{jobId}", "j").replace("{runId}", "1").replace("{workerId}", "w");
            boolean routed = JobRoutes.matches(concrete) || concrete.startsWith(WorkerRoutes.PREFIX)
                    || concrete.equals("/v1/cluster") || concrete.startsWith("/v1/kv/")
                    || concrete.equals("/v1/openapi.yaml") || concrete.equals("/metrics")
                    || concrete.equals("/health") || concrete.equals("/ready");
            assertThat(routed).as("%s is routed", path).isTrue();
        }
    }
}
