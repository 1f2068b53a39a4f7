package dev.jtls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.TlsConfig;
import dev.jtls.suite.CipherSuite;
import dev.jtls.interop.JtlsClient.Run;
import dev.jtls.interop.JtlsServer.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The test PKI's server leaves — RSA-2048, RSA-3072, ECDSA P-256 and P-384, each under the
 * intermediate CA — served by jtls to s_client and gnutls-cli (which verify the chain against the
 * root and print the key size), and served by s_server and gnutls-serv to jtls (which verifies
 * them and sees that very leaf).
 */
class LeavesTest {
    static final Matrix MATRIX = new Matrix("pki-1-leaves", "Certificates: each test leaf, both roles, OpenSSL and GnuTLS",
            "Every line: the chain (leaf + intermediate) verified against the test root by the client side, and "
                    + "the leaf the server side was given is the one the client saw.");
    private static JtlsServer server;

    @BeforeAll
    static void startServer() throws Exception {
        MATRIX.begin();
        server = new JtlsServer();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
        MATRIX.write();
    }

    static Stream<Arguments> leaves() {
        TestPki pki = TestPki.get();
        CipherSuite rsa = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
        CipherSuite ec = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
        return Stream.of(Arguments.of("RSA-2048", pki.rsaServer, rsa, "RSA key 2048 bits", "2048 bit"),
                Arguments.of("RSA-3072", pki.rsa3072Server, rsa, "RSA key 3072 bits", "3072 bit"),
                Arguments.of("ECDSA P-256", pki.ecServer, ec, "EC/ECDSA key 256 bits", "256 bit"),
                Arguments.of("ECDSA P-384", pki.ecP384Server, ec, "EC/ECDSA key 384 bits", "384 bit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leaves")
    void jtlsServesTheLeaf(String name, TestPki.Leaf leaf, CipherSuite suite, String gnutlsKey, String opensslKey)
            throws Exception {
        String opensslName = OpenSsl.suiteName(suite);
        MATRIX.checked(name + ": jtls server → s_client: `Verify return code: 0 (ok)`, `Server public key is " + opensslKey
                + "`", () -> {
            server.config(TlsConfig.builder().certifiedKey(leaf.certifiedKey()).build());
            Peer c = OpenSsl.client("s_client", OpenSslClientTest.clientArgs(server.port(), suite, opensslName, null),
                    OpenSslClientTest.request(new byte[8]));
            Result r = server.next(OpenSslClientTest.WAIT);
            OpenSslClientTest.assertOk(r, c);
            assertThat(c.stdoutText()).as(c.describe()).contains("Verify return code: 0 (ok)",
                    "Server public key is " + opensslKey, "subject=" + leaf.opensslSubject() + "\n");
        });
        MATRIX.checked(name + ": jtls server → gnutls-cli: `The certificate is trusted.`, `" + gnutlsKey + "`", () -> {
            server.config(TlsConfig.builder().certifiedKey(leaf.certifiedKey()).build());
            Path log = Peer.workDir().resolve("leaf-" + name.replace(' ', '-') + ".log");
            Files.deleteIfExists(log);
            List<String> args = new ArrayList<>(List.of("-p", String.valueOf(server.port()), "--priority",
                    GnuTls.priority(suite, List.of()), "--x509cafile", TestPki.get().rootPem.toString(),
                    "--verify-hostname", "localhost", "--logfile", log.toString(), "127.0.0.1"));
            Peer c = GnuTlsClientTest.run("gnutls-cli", args, OpenSslClientTest.request(new byte[8]), Map.of());
            Result r = server.next(OpenSslClientTest.WAIT);
            OpenSslClientTest.assertOk(r, c);
            String view = GnuTlsClientTest.log(log);
            assertThat(view).as(view).contains("- Status: The certificate is trusted.", gnutlsKey,
                    "subject `" + leaf.subject() + "'");
        });
        MATRIX.checked(name + ": s_server → jtls client: verified, the same leaf", () -> {
            TestPki pki = TestPki.get();
            List<String> args = List.of("-tls1_2", "-cipher", opensslName, "-cert", leaf.certPem().toString(), "-key",
                    leaf.keyPem().toString(), "-cert_chain", pki.intermediatePem.toString(), "-www");
            try (OpenSsl.Server s = OpenSsl.server("s_server", args)) {
                StringBuilder page = new StringBuilder();
                Run run = JtlsClient.connect(JtlsClient.config(suite, null).build(), "localhost", s.port(),
                        JtlsClient.httpGet(page));
                run.assertOk();
                assertThat(run.peerChain().get(0)).isEqualTo(leaf.chain().get(0));
                assertThat(page.toString()).containsPattern(OpenSsl.cipherLine("New", opensslName));
            }
        });
        MATRIX.checked(name + ": gnutls-serv → jtls client: verified, the same leaf", () -> {
            List<String> args = List.of("--priority", GnuTls.priority(suite, List.of()), "--x509certfile",
                    leaf.chainPem().toString(), "--x509keyfile", leaf.keyPem().toString(), "--http");
            try (GnuTls.Server s = GnuTls.server("gnutls-serv", args, Map.of())) {
                GnuTlsServerTest.Page p = GnuTlsServerTest.Page.get(JtlsClient.config(suite, null).build(), s);
                p.run.assertOk();
                assertThat(p.run.peerChain().get(0)).isEqualTo(leaf.chain().get(0));
                assertThat(p.log).contains("- Options: extended master secret, safe renegotiation");
            }
        });
    }
}
