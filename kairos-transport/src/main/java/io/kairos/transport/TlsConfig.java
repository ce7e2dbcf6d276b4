package io.kairos.transport;

import java.nio.file.Path;

/**
 * TLS for peer connections, from PEM files. With {@code mutual} the accepting side demands a
 * client certificate signed by one of {@code trustedCertificates}; without it only the dialing side
 * checks the server.
 *
 * @param certificateChain this node's certificate chain (PEM)
 * @param privateKey this node's PKCS#8 private key (PEM, unencrypted)
 * @param trustedCertificates the certificates (PEM) whose holders are trusted
 */
public record TlsConfig(boolean enabled, Path certificateChain, Path privateKey, Path trustedCertificates,
        boolean mutual) {

    /** Plain TCP: the default. */
    public static final TlsConfig DISABLED = new TlsConfig(false, null, null, null, false);

    public TlsConfig {
        if (enabled && (certificateChain == null || privateKey == null || trustedCertificates == null)) {
            throw new IllegalArgumentException("TLS needs a certificate chain, a private key and trusted certificates,"
                    + " got chain=" + certificateChain + " key=" + privateKey + " trusted=" + trustedCertificates);
        }
        if (!enabled && mutual) {
            throw new IllegalArgumentException("mutual TLS needs TLS enabled");
        }
    }

    /** Mutual TLS: both sides present a certificate and check the other's. */
    public static TlsConfig mutual(Path certificateChain, Path privateKey, Path trustedCertificates) {
        return new TlsConfig(true, certificateChain, privateKey, trustedCertificates, true);
    }

    /** One-way TLS: the dialing side checks the server's certificate. */
    public static TlsConfig serverOnly(Path certificateChain, Path privateKey, Path trustedCertificates) {
        return new TlsConfig(true, certificateChain, privateKey, trustedCertificates, false);
    }
}
