package dev.jtls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.AlpnSelector;
import dev.jtls.config.TlsConfig;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import dev.jtls.interop.JtlsClient.Run;
import dev.jtls.interop.JtlsServer.Data;
import dev.jtls.interop.JtlsServer.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GnuTLS, both roles, outside the suite × group grid: ALPN, SNI and the 64 MiB transfers. */
class GnuTlsFeaturesTest {
    static final CipherSuite SUITE = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
    static final Matrix MATRIX = new Matrix("gnutls-3-features", "GnuTLS: other checks, both roles",
            "Each line was checked on both sides.");
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

    /** gnutls-cli arguments for an ECDSA suite (the sni.test certificate is ECDSA) naming {@code sni}. */
    private static List<String> cliArgs(Path log, String sni) {
        List<String> a = GnuTlsClientTest.args(server.port(), CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                NamedGroup.X25519, log);
        a.set(a.indexOf("--sni-hostname") + 1, sni);
        a.set(a.indexOf("--verify-hostname") + 1, sni);
        return a;
    }

    @Test
    void alpnAndSniGnutlsClient() throws Exception {
        TestPki pki = TestPki.get();
        MATRIX.checked("ALPN and SNI, gnutls-cli --alpn http/1.1 --alpn h2 --sni-hostname sni.test → jtls server (prefers h2, "
                + "has the sni.test certificate): both see h2 and sni.test, gnutls-cli trusts the sni.test certificate", () -> {
            server.config(OpenSslClientTest.serverConfig(NamedGroup.X25519).certifiedKey(pki.sniServer.certifiedKey())
                    .alpnSelector(AlpnSelector.preferring(List.of("h2", "http/1.1"))).build());
            Path log = Peer.workDir().resolve("gnutls-cli-alpn.log");
            Files.deleteIfExists(log);
            Peer c = GnuTlsClientTest.run("gnutls-cli --alpn", Interop.concat(cliArgs(log, "sni.test"), "--alpn", "http/1.1",
                    "--alpn", "h2"), OpenSslClientTest.request(new byte[8]), Map.of());
            Result r = server.next(OpenSslClientTest.WAIT);
            OpenSslClientTest.assertOk(r, c);
            assertThat(r.negotiated().alpn()).isEqualTo("h2");
            assertThat(r.negotiated().serverName()).isEqualTo("sni.test");
            String view = GnuTlsClientTest.log(log);
            assertThat(view).as(view).contains("- Application protocol: h2", "- Status: The certificate is trusted.",
                    "subject `CN=sni.test'");
        });
    }

    @Test
    void alpnAndSniJtlsClient() throws Exception {
        MATRIX.checked("ALPN and SNI, jtls client offers h2,http/1.1 for localhost → gnutls-serv --alpn http/1.1: both see "
                + "http/1.1; gnutls-serv prints `Given server name[1]: localhost`", () -> {
            try (GnuTls.Server s = GnuTls.server("gnutls-serv --alpn", Interop.concat(
                    GnuTlsServerTest.serverArgs(SUITE, NamedGroup.X25519), "--http", "--alpn", "http/1.1"), Map.of())) {
                TlsConfig config = JtlsClient.config(SUITE, NamedGroup.X25519).alpnProtocols(List.of("h2", "http/1.1")).build();
                GnuTlsServerTest.Page p = GnuTlsServerTest.Page.get(config, s);
                p.run.assertOk();
                assertThat(p.run.negotiated().alpn()).isEqualTo("http/1.1");
                s.peer().awaitStdout(Pattern.compile("- Application protocol: http/1\\.1\n"), GnuTls.RUN);
                assertThat(p.log).contains("- Given server name[1]: localhost");
            }
        });
    }

    @Test
    void bigTransferGnutlsClient() throws Exception {
        long start = System.nanoTime();
        String what = (Interop.BIG >> 20) + " MiB each way, gnutls-cli ↔ jtls server echo (" + SUITE.standardName()
                + ", x25519): SHA-256 at jtls and of gnutls-cli's output";
        MATRIX.checked(what, () -> {
            server.config(OpenSslClientTest.serverConfig(NamedGroup.X25519).build());
            byte[] data = Data.random(Interop.BIG, 11);
            Path log = Peer.workDir().resolve("gnutls-cli-big.log");
            Peer c = GnuTlsClientTest.run("gnutls-cli (big)", GnuTlsClientTest.args(server.port(), SUITE, NamedGroup.X25519,
                    log), OpenSslClientTest.request(data), Map.of());
            Result r = server.next(OpenSslClientTest.WAIT);
            OpenSslClientTest.assertOk(r, c);
            assertThat(r.receivedSha256()).as("SHA-256 at jtls").isEqualTo(Data.sha256(data));
            byte[] echoed = Data.between(c.stdoutBytes(), JtlsServer.BEGIN, JtlsServer.END);
            assertThat(echoed).as("echo printed by gnutls-cli").isNotNull();
            assertThat(Data.sha256(echoed)).as("SHA-256 at gnutls-cli").isEqualTo(Data.sha256(data));
        });
        MATRIX.note(what + ": " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    @Test
    void bigTransferJtlsClient() throws Exception {
        long start = System.nanoTime();
        String what = (Interop.BIG >> 20) + " MiB each way, jtls client ↔ gnutls-serv --echo (" + SUITE.standardName()
                + ", x25519): the echo server is line-based text, so the bytes are base64 lines of random data";
        MATRIX.checked(what, () -> {
            try (GnuTls.Server echo = GnuTls.server("gnutls-serv --echo (big)", Interop.concat(
                    GnuTlsServerTest.serverArgs(SUITE, NamedGroup.X25519), "--echo", "--crlf"), Map.of())) {
                byte[] text = GnuTlsServerTest.base64Lines(Data.random(Interop.BIG / 4 * 3, 12));
                Run run = JtlsClient.connect(JtlsClient.config(SUITE, NamedGroup.X25519).build(), "localhost", echo.port(),
                        tls -> assertThat(GnuTlsServerTest.echoRoundTrip(tls, text)).as("SHA-256 of the echo at jtls")
                                .isEqualTo(Data.sha256(text)));
                run.assertOk();
            }
        });
        MATRIX.note(what + ": " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }
}
