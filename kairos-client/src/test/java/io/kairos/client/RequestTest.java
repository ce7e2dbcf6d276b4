package io.kairos.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestTest {

    @Test
    void keysArePercentEncodedExceptUnreservedCharactersSoASlashStaysInsideTheKey() {
        assertThat(Request.encode("a-Z_0.~")).isEqualTo("a-Z_0.~");
        assertThat(Request.encode("a/b c+é?")).isEqualTo("a%2Fb%20c%2B%C3%A9%3F");
        assertThat(Request.read("k", true).pathAndQuery()).isEqualTo("/v1/kv/k?stale=true");
    }
}
