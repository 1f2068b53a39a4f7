package dev.jtls.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.connection.TlsSocket;
import dev.jtls.pki.CertificateRejection;
import dev.jtls.pki.ChainProblem;
import dev.jtls.pki.PkixTrustVerifier;
import dev.jtls.pki.TrustAnchors;
import dev.jtls.record.AlertDescription;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * jtls's certificate validator on a PKI that OpenSSL made, not Bouncy Castle: the `openssl` CLI
 * issues a root CA, an intermediate (pathlen 0) and an RSA-2048 leaf for localhost with the usual
 * `openssl.cnf`-style extensions; `openssl s_server` serves leaf + intermediate; a jtls client with
 * {@link PkixTrustVerifier} (Web PKI policy) trusting the root validates the 3-certificate path, and
 * one trusting another OpenSSL-made root refuses it with unknown_ca.
 */
class OpenSslIssuedChainTest {
    private static final String CONFIG = String.join("\n",
            "[req]", "distinguished_name = dn", "prompt = no", "[dn]", "CN = unused",
            "[root_ext]", "basicConstraints = critical,CA:TRUE", "keyUsage = critical,keyCertSign,cRLSign",
            "subjectKeyIdentifier = hash",
            "[int_ext]", "basicConstraints = critical,CA:TRUE,pathlen:0", "keyUsage = critical,keyCertSign,cRLSign",
            "subjectKeyIdentifier = hash", "authorityKeyIdentifier = keyid:always",
            "[leaf_ext]", "basicConstraints = critical,CA:FALSE",
            "keyUsage = critical,digitalSignature,keyEncipherment", "extendedKeyUsage = serverAuth",
            "subjectAltName = DNS:localhost,IP:127.0.0.1", "subjectKeyIdentifier = hash",
            "authorityKeyIdentifier = keyid:always", "");
    private static Path dir;

    @BeforeAll
    static void issue() throws IOException {
        dir = Peer.workDir().resolve("openssl-pki");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ca.cnf"), CONFIG);
        root("root", "/CN=OpenSSL-made Root CA");
        root("other-root", "/CN=Another OpenSSL-made Root CA");
        signed("int", "/CN=OpenSSL-made Intermediate", "root", "int_ext", List.of("-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256"));
        signed("leaf", "/CN=localhost", "int", "leaf_ext", List.of("-newkey", "rsa:2048"));
        Files.writeString(dir.resolve("leaf-chain.pem"),
                Files.readString(dir.resolve("leaf.pem")) + Files.readString(dir.resolve("int.pem")));
    }

    private static void root(String name, String subject) throws IOException {
        openssl(List.of("req", "-x509", "-config", "ca.cnf", "-extensions", "root_ext", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", name + ".key", "-out", name + ".pem", "-subj", subject,
                "-days", "2"));
    }

    private static void signed(String name, String subject, String issuer, String extensions, List<String> key)
            throws IOException {
        List<String> req = new ArrayList<>(List.of("req", "-new", "-config", "ca.cnf", "-nodes", "-keyout",
                name + ".key", "-out", name + ".csr", "-subj", subject));
        req.addAll(key);
        openssl(req);
        openssl(List.of("x509", "-req", "-in", name + ".csr", "-CA", issuer + ".pem", "-CAkey", issuer + ".key",
                "-set_serial", "0x" + Long.toHexString(System.nanoTime() & Long.MAX_VALUE), "-extfile", "ca.cnf",
                "-extensions", extensions, "-days", "2", "-sha256", "-out", name + ".pem"));
    }

    private static void openssl(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(OpenSsl.BIN));
        cmd.addAll(args);
        PeerPrograms.require(cmd);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static OpenSsl.Server server() throws IOException {
        return OpenSsl.server("s_server (openssl-made chain)", List.of("-tls1_2", "-cert", dir.resolve("leaf.pem")
                .toString(), "-key", dir.resolve("leaf.key").toString(), "-cert_chain", dir.resolve("int.pem").toString(),
                "-naccept", "1"));
    }

    private static TlsSocket connect(String anchorPem, int port) throws Exception {
        TrustAnchors anchors = TrustAnchors.fromPem(dir.resolve(anchorPem));
        TlsConfig config = TlsConfig.builder().trust(PkixTrustVerifier.webPki(anchors)).build();
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(20_000);
        TlsConnection conn = TlsConnection.client(config, "localhost", port);
        TlsSocket tls = new TlsSocket(s, conn);
        tls.handshake();
        return tls;
    }

    @Test
    void aThreeCertificatePathFromAnOpensslCaValidates() throws Exception {
        try (OpenSsl.Server server = server(); TlsSocket tls = connect("root.pem", server.port())) {
            assertThat(tls.connection().isHandshakeComplete()).isTrue();
            tls.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
            tls.getOutputStream().flush();
            assertThat(server.peer().awaitStdout(java.util.regex.Pattern.compile("(hello)"), Duration.ofSeconds(10)))
                    .isEqualTo("hello");
        }
    }

    @Test
    void anUntrustedOpensslCaIsUnknownCa() throws Exception {
        try (OpenSsl.Server server = server()) {
            assertThatThrownBy(() -> connect("other-root.pem", server.port()).close())
                    .isInstanceOf(javax.net.ssl.SSLHandshakeException.class)
                    .hasMessageContaining("OpenSSL-made Root CA")
                    .cause().isInstanceOfSatisfying(CertificateRejection.class, e -> {
                        assertThat(e.description()).isEqualTo(AlertDescription.UNKNOWN_CA);
                        assertThat(e.problem()).isEqualTo(ChainProblem.UNKNOWN_ISSUER);
                        assertThat(e.position()).isEqualTo(1);
                    });
            // s_server (-naccept 1) ends and prints the alert jtls sent.
            server.peer().awaitExit(Duration.ofSeconds(10));
            assertThat(server.peer().stderrText()).contains("alert unknown ca").contains("alert number 48");
        }
    }
}
