package io.kairos.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kairos.raft.NodeId;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransportConfigTest {

    private static final NodeId N1 = NodeId.of(1);
    private static final PeerAddress BIND = new PeerAddress("0.0.0.0", 7000);

    private static TransportConfig.Builder valid() {
        return TransportConfig.builder(N1, "prod", BIND).peers(Map.of(NodeId.of(2), PeerAddress.parse("m2:7000")));
    }

    @Test
    void defaultsAreValidAndAdvertiseTheBindAddress() {
        TransportConfig config = valid().build();

        assertThat(config.advertised()).isEqualTo(BIND);
        assertThat(config.maxFrameBytes()).isEqualTo(16 * 1024 * 1024);
        assertThat(config.tls().enabled()).isFalse();
    }

    @Test
    void eachInvalidSettingIsNamedInTheMessage() {
        assertInvalid(TransportConfig.builder(N1, " ", BIND), "cluster id must not be blank");
        assertInvalid(TransportConfig.builder(N1, "x".repeat(256), BIND), "at most 255 UTF-8 bytes");
        assertInvalid(valid().advertised(new PeerAddress("m1", 0)), "advertised address must be set with a real port");
        assertInvalid(valid().peers(Map.of(N1, BIND)), "peers must not include self n1");
        assertInvalid(valid().peers(Map.of(NodeId.of(2), new PeerAddress("m2", 0))), "peer n2 has port 0");
        assertInvalid(valid().maxFrameBytes(100), "maxFrameBytes must be >= 1024, got 100");
        assertInvalid(valid().queueBounds(0, 1L << 30), "queueMaxMessages must be >= 1, got 0");
        assertInvalid(valid().queueBounds(10, 1024), "queueMaxBytes 1024 must be >= maxFrameBytes");
        assertInvalid(valid().snapshots(Path.of("staging"), 16 * 1024 * 1024, 4), "snapshotChunkBytes must be in [1, ");
        assertInvalid(valid().snapshots(Path.of("staging"), 1024, 0), "snapshotWindowChunks must be >= 1, got 0");
        assertInvalid(valid().tls(null), "backoff and tls must be set");
        assertInvalid(valid().helloTimeoutMillis(0), "helloTimeoutMillis must be >= 1, got 0");
    }

    @Test
    void addressesAreCheckedAndParsed() {
        assertThat(PeerAddress.parse("[::1]:7000")).isEqualTo(new PeerAddress("::1", 7000));
        assertThat(PeerAddress.parse("[::1]:7000")).hasToString("[::1]:7000");
        assertThatThrownBy(() -> PeerAddress.parse("m1")).hasMessageContaining("expected host:port, got 'm1'");
        assertThatThrownBy(() -> PeerAddress.parse("m1:x")).hasMessageContaining("port of 'm1:x' is not a number");
        assertThatThrownBy(() -> new PeerAddress("m1", 70000)).hasMessageContaining("port must be in [0, 65535]");
    }

    @Test
    void tlsNeedsAllItsFilesAndMutualNeedsTls() {
        assertThatThrownBy(() -> TlsConfig.mutual(Path.of("c.pem"), null, Path.of("t.pem")))
                .hasMessageContaining("TLS needs a certificate chain, a private key and trusted certificates");
        assertThatThrownBy(() -> new TlsConfig(false, null, null, null, true))
                .hasMessageContaining("mutual TLS needs TLS enabled");
    }

    @Test
    void backoffGrowsToItsCeilingWithJitterInTheUpperHalf() {
        Backoff backoff = new Backoff(10, 1_000);
        Random random = new Random(1);
        for (int attempt = 0; attempt < 40; attempt++) {
            long ceiling = Math.min(1_000, 10L << Math.min(attempt, 30));
            assertThat(backoff.delayMillis(attempt, random)).isBetween(ceiling / 2, ceiling);
        }
        assertThatThrownBy(() -> new Backoff(0, 10)).hasMessageContaining("initialMillis must be >= 1");
        assertThatThrownBy(() -> new Backoff(10, 5)).hasMessageContaining("maxMillis 5 must be >= initialMillis 10");
    }

    private static void assertInvalid(TransportConfig.Builder builder, String message) {
        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
