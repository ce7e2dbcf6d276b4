package io.kairos.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kairos.raft.NodeId;
import io.kairos.raft.message.Heartbeat;
import io.kairos.raft.message.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {

    private static final NodeId N1 = NodeId.of(1);
    private static final NodeId N2 = NodeId.of(2);
    private static final NodeId N3 = NodeId.of(3);

    @TempDir
    static Path dir;

    private static TlsConfig tls1;
    private static TlsConfig tls2;
    private static TlsConfig rogue3;

    @BeforeAll
    static void makeCertificates() throws Exception {
        TestCertificates.Pem c1 = TestCertificates.generate(dir, "n1");
        TestCertificates.Pem c2 = TestCertificates.generate(dir, "n2");
        TestCertificates.Pem c3 = TestCertificates.generate(dir, "n3");
        Path members = TestCertificates.trustFile(dir, "members.crt", c1, c2);
        tls1 = TlsConfig.mutual(c1.certificate(), c1.privateKey(), members);
        tls2 = TlsConfig.mutual(c2.certificate(), c2.privateKey(), members);
        // n3 trusts the members, but they do not trust n3's certificate.
        rogue3 = TlsConfig.mutual(c3.certificate(), c3.privateKey(), TestCertificates.trustFile(dir, "all.crt", c1, c2, c3));
    }

    @Test
    void membersWithTrustedCertificatesExchangeEveryMessageTypeOverMutualTls() throws Exception {
        try (TestNode n1 = TestNode.start(1, 2, 0, b -> b.tls(tls1)); TestNode n2 = TestNode.start(2, 2, 0, b -> b.tls(tls2))) {
            TestNode.connectAll(n1, n2);
            List<Message> to2 = SampleMessages.everyType(N1, N2);
            List<Message> to1 = SampleMessages.everyType(N2, N1);
            to2.forEach(n1.transport::send);
            to1.forEach(n2.transport::send);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(n2.received).containsExactlyElementsOf(to2);
                assertThat(n1.received).containsExactlyElementsOf(to1);
            });
        }
    }

    @Test
    void aClientWhoseCertificateIsNotTrustedIsRefused() throws Exception {
        try (TestNode n1 = TestNode.start(1, 3, 0, b -> b.tls(tls1));
                TestNode n2 = TestNode.start(2, 3, 0, b -> b.tls(tls2));
                TestNode n3 = TestNode.start(3, 3, 0, b -> b.tls(rogue3))) {
            n3.transport.addPeer(N1, n1.address());
            n2.transport.addPeer(N1, n1.address());
            n3.transport.send(new Heartbeat(N3, N1, 1, 0, 3));
            Message fromMember = new Heartbeat(N2, N1, 1, 0, 2);
            n2.transport.send(fromMember);

            await().untilAsserted(() -> assertThat(n1.received).contains(fromMember));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> n1.received.stream().noneMatch(m -> m.from().equals(N3)));
        }
    }

    @Test
    void aPlainTcpClientIsRefusedByATlsServer() throws Exception {
        try (TestNode n1 = TestNode.start(1, 2, 0, b -> b.tls(tls1)); RawPeer plain = new RawPeer(n1.transport.port())) {
            plain.hello(TestNode.CLUSTER, 2).send(new Heartbeat(N2, N1, 1, 0, 1));

            assertThat(plain.closedByServer()).isTrue();
            assertThat(n1.received).isEmpty();
        }
    }
}
