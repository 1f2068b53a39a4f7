package dev.jtls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * jtls as a drop-in JSSE provider for an unchanged program ({@link DropInClient}, run in its own JVM
 * with {@code java -cp <test class path>}) that names its stores with the standard
 * {@code javax.net.ssl.*} properties, as it would for SunJSSE: the "Default" context
 * (HttpsURLConnection's default socket factory, HttpClient's default) and {@code init(null, null,
 * null)} trust the {@code javax.net.ssl.trustStore} (PKCS12 and JKS, made here under target/), the
 * "Default" context presents the {@code javax.net.ssl.keyStore}'s certificate to a server that
 * requires one, and without the property the server's CA is unknown. The server is {@code openssl
 * s_server -www}, whose root CA is in no other store.
 */
class DropInStoresTest {
    private static final Duration RUN = Duration.ofSeconds(60);
    private static final String TRUST_PASSWORD = "trust-pass";
    private static final String KEY_PASSWORD = "key-pass";
    private static Path trustP12;
    private static Path trustJks;
    private static Path clientP12;

    @BeforeAll
    static void stores() throws Exception {
        TestPki pki = TestPki.get();
        Path dir = Files.createDirectories(Peer.workDir().resolve("drop-in"));
        trustP12 = store(dir.resolve("trust.p12"), "PKCS12", TRUST_PASSWORD, ks -> ks.setCertificateEntry("root", pki.root));
        trustJks = store(dir.resolve("trust.jks"), "JKS", TRUST_PASSWORD, ks -> ks.setCertificateEntry("root", pki.root));
        clientP12 = store(dir.resolve("client.p12"), "PKCS12", KEY_PASSWORD, ks -> ks.setKeyEntry("client",
                pki.client.key(), KEY_PASSWORD.toCharArray(), pki.client.chain().toArray(new Certificate[0])));
    }

    private interface Fill {
        void into(KeyStore ks) throws Exception;
    }

    private static Path store(Path file, String type, String password, Fill fill) throws Exception {
        KeyStore ks = KeyStore.getInstance(type);
        ks.load(null, null);
        fill.into(ks);
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password.toCharArray());
        }
        return file;
    }

    private static Map<String, String> trustStore(Path file, String type) {
        return Map.of("javax.net.ssl.trustStore", file.toString(), "javax.net.ssl.trustStoreType", type,
                "javax.net.ssl.trustStorePassword", TRUST_PASSWORD);
    }

    private static OpenSsl.Server www(boolean requireClientCertificate) throws IOException {
        TestPki pki = TestPki.get();
        List<String> args = new ArrayList<>(List.of("-tls1_2", "-www", "-cert", pki.ecServer.certPem().toString(),
                "-key", pki.ecServer.keyPem().toString(), "-cert_chain", pki.intermediatePem.toString()));
        if (requireClientCertificate) {
            args.addAll(List.of("-Verify", "1", "-verify_return_error", "-CAfile", pki.rootPem.toString()));
        }
        return OpenSsl.server("s_server -www", args);
    }

    @Test
    void defaultContextsAndInitNullTrustTheTrustStoreProperty() throws Exception {
        try (OpenSsl.Server server = www(false)) {
            String url = "https://localhost:" + server.port() + "/";
            Program run = Program.run(url, trustStore(trustP12, "PKCS12"), "url-connection", "http-client", "init-null");
            run.assertOk("url-connection", "http-client", "init-null");
            assertThat(run.output).contains("Protocol  : TLSv1.2").contains("init-null: context=jtls")
                    .contains("http-client: status=200");
            // A JKS store from a named provider (javax.net.ssl.trustStoreProvider).
            Map<String, String> jks = new java.util.HashMap<>(trustStore(trustJks, "JKS"));
            jks.put("javax.net.ssl.trustStoreProvider", "SUN");
            Program.run(url, jks, "http-client").assertOk("http-client");
        }
    }

    @Test
    void withoutTheTrustStorePropertyTheServersCaIsUnknown() throws Exception {
        try (OpenSsl.Server server = www(false)) {
            String url = "https://localhost:" + server.port() + "/";
            Program.run(url, Map.of(), "url-connection", "init-null").assertFailedOnTheCertificate("url-connection", "init-null");
            // "NONE": a store that is no file, here an empty PKCS12 one; nothing is trusted.
            Program.run(url, Map.of("javax.net.ssl.trustStore", "NONE", "javax.net.ssl.trustStoreType", "PKCS12"),
                    "http-client").assertFailedOnTheCertificate("http-client");
        }
    }

    @Test
    void theDefaultContextPresentsTheKeyStoresCertificate() throws Exception {
        try (OpenSsl.Server server = www(true)) {
            String url = "https://localhost:" + server.port() + "/";
            java.util.HashMap<String, String> props = new java.util.HashMap<>(trustStore(trustP12, "PKCS12"));
            props.putAll(Map.of("javax.net.ssl.keyStore", clientP12.toString(), "javax.net.ssl.keyStoreType", "PKCS12",
                    "javax.net.ssl.keyStorePassword", KEY_PASSWORD, "javax.net.ssl.keyStoreProvider", "SUN"));
            Program run = Program.run(url, props, "url-connection", "http-client", "init-null");
            assertThat(run.exit).as(run.output).isEqualTo(2);
            assertThat(run.output).contains("url-connection: OK").contains("http-client: OK")
                    .contains("Client certificate").contains(TestPki.get().client.commonName())
                    // As in SunJSSE, init(null, ...) has no key manager: the key store is the Default context's only.
                    .contains("init-null: FAIL").contains("init-null: cause: javax.net.ssl.SSLHandshakeException");
        }
    }

    /** One run of {@link DropInClient} in its own JVM. */
    private record Program(int exit, String output) {
        static Program run(String url, Map<String, String> properties, String... modes) throws Exception {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), DropInClient.class.getName(), url));
            cmd.addAll(List.of(modes));
            try (Peer p = Peer.start("java DropInClient", cmd)) {
                int exit = p.awaitExit(RUN);
                String output = p.stdoutText() + p.stderrText();
                System.out.println("$ " + String.join(" ", cmd.subList(1, cmd.size())).replace(
                        System.getProperty("java.class.path"), "<test class path>") + "\n" + output);
                return new Program(exit, output);
            }
        }

        void assertOk(String... modes) {
            assertThat(exit).as(output).isZero();
            assertThat(output).contains("default=jtls").doesNotContain("FAIL");
            for (String mode : modes) {
                assertThat(output).contains(mode + ": OK");
            }
        }

        /** jtls's validator refused the chain for want of its root: unknown_ca (RFC 5246 §7.2.2), with jtls's reason. */
        void assertFailedOnTheCertificate(String... modes) {
            assertThat(exit).as(output).isEqualTo(2);
            assertThat(output).contains("default=jtls").doesNotContain(": OK");
            for (String mode : modes) {
                assertThat(output).contains(mode + ": FAIL")
                        .contains(mode + ": cause: javax.net.ssl.SSLHandshakeException: jtls sent a fatal unknown_ca alert")
                        .contains(mode + ": cause: dev.jtls.pki.CertificateRejection")
                        .contains("issuer 'CN=jtls interop root CA' not found in the chain or trust store");
            }
        }
    }
}
