package io.kairos.transport;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import javax.net.ssl.SSLException;

/** Netty SSL contexts from a {@link TlsConfig}'s PEM files; null when TLS is off. */
final class TlsContexts {

    private TlsContexts() {}

    static SslContext forServer(TlsConfig tls) throws IOException {
        if (!tls.enabled()) {
            return null;
        }
        return SslContextBuilder.forServer(tls.certificateChain().toFile(), tls.privateKey().toFile())
                .trustManager(tls.trustedCertificates().toFile())
                .clientAuth(tls.mutual() ? ClientAuth.REQUIRE : ClientAuth.NONE)
                .build();
    }

    static SslContext forClient(TlsConfig tls) throws SSLException {
        if (!tls.enabled()) {
            return null;
        }
        SslContextBuilder builder = SslContextBuilder.forClient().trustManager(tls.trustedCertificates().toFile());
        if (tls.mutual()) {
            builder.keyManager(tls.certificateChain().toFile(), tls.privateKey().toFile());
        }
        return builder.build();
    }
}
