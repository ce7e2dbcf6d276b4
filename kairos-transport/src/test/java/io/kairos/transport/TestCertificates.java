package io.kairos.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Key;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Test-only certificates, made at test time with the JDK's {@code keytool} in a child process (no
 * key material is checked in). Each is self-signed for 127.0.0.1 and localhost; its private key
 * is written as an unencrypted PKCS#8 PEM, which is what Netty reads.
 */
final class TestCertificates {

    private static final String PASSWORD = "test-only";

    private TestCertificates() {}

    /** A certificate and key for {@code name}, as PEM files {@code name.crt} and {@code name.key} in {@code dir}. */
    record Pem(Path certificate, Path privateKey) {}

    static Pem generate(Path dir, String name) throws IOException, InterruptedException, GeneralSecurityException {
        Path keystore = dir.resolve(name + ".p12");
        Path certificate = dir.resolve(name + ".crt");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-keysize", "256", "-dname", "CN=" + name,
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        Key key = store.getKey(name, PASSWORD.toCharArray());
        Path privateKey = dir.resolve(name + ".key");
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(privateKey, pem, StandardCharsets.US_ASCII);
        return new Pem(certificate, privateKey);
    }

    /** One PEM file trusting all of {@code pems}. */
    static Path trustFile(Path dir, String name, Pem... pems) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Pem pem : pems) {
            all.append(Files.readString(pem.certificate(), StandardCharsets.US_ASCII));
        }
        Path file = dir.resolve(name);
        Files.writeString(file, all, StandardCharsets.US_ASCII);
        return file;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
