package dev.jtls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.AlpnSelector;
import dev.jtls.config.TlsConfig;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import dev.jtls.interop.JtlsClient.Run;
import dev.jtls.interop.JtlsServer.Data;
import dev.jtls.interop.JtlsServer.Result;
import dev.jtls.pki.PinnedTrustVerifier;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What is not per suite × group: ALPN and SNI seen by both sides, the key log file against
 * OpenSSL's, and a large transfer each way, in both roles. Each test records its line in
 * RESULTS.md ("Other checks") before asserting.
 */
class OpenSslFeaturesTest {
    static final CipherSuite SUITE = CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
    static final String SUITE_NAME = "ECDHE-ECDSA-AES128-GCM-SHA256";
    static final int BIG = Interop.BIG;
    static final Matrix MATRIX = new Matrix("openssl-3-features-jtls-server",
            "OpenSSL: ALPN and SNI (both roles), 64 MiB s_client → jtls server", "Each line was checked on both sides.");
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

    /** A plain (interactive) s_server: it prints the client's ALPN list and SNI name on stdout. */
    static OpenSsl.Server plainServer(List<String> more) throws Exception {
        TestPki pki = TestPki.get();
        List<String> args = new ArrayList<>(List.of("-tls1_2", "-cert", pki.ecServer.certPem().toString(),
                "-key", pki.ecServer.keyPem().toString(), "-cert_chain", pki.intermediatePem.toString()));
        args.addAll(more);
        return OpenSsl.server("s_server", args);
    }

    static void checked(String name, Cells.Check check) throws Exception {
        MATRIX.checked(name, check);
    }

    @Test
    void alpnJtlsClient() throws Exception {
        checked("ALPN, jtls client offers h2,http/1.1, s_server -alpn http/1.1: both see http/1.1", () -> {
            try (OpenSsl.Server s = plainServer(List.of("-alpn", "http/1.1"))) {
                TlsConfig config = JtlsClient.config(SUITE, null).alpnProtocols(List.of("h2", "http/1.1")).build();
                Run run = JtlsClient.connect(config, "localhost", s.port(), tls -> { });
                run.assertOk();
                assertThat(run.negotiated().alpn()).isEqualTo("http/1.1");
                s.peer().awaitStdout(Pattern.compile("ALPN protocols advertised by the client: h2, http/1.1\n"),
                        OpenSsl.RUN);
                s.peer().awaitStdout(Pattern.compile("ALPN protocols selected: http/1.1\n"), OpenSsl.RUN);
            }
        });
    }

    @Test
    void alpnJtlsServer() throws Exception {
        checked("ALPN, s_client -alpn http/1.1,h2, jtls server prefers h2: both see h2", () -> {
            server.config(OpenSslClientTest.serverConfig()
                    .alpnSelector(AlpnSelector.preferring(List.of("h2", "http/1.1"))).build());
            Peer c = OpenSsl.client("s_client -alpn", Interop.concat(
                    OpenSslClientTest.clientArgs(server.port(), SUITE, SUITE_NAME, null), "-alpn", "http/1.1,h2"),
                    OpenSslClientTest.request(new byte[8]));
            Result r = server.next(OpenSslClientTest.WAIT);
            OpenSslClientTest.assertOk(r, c);
            assertThat(r.negotiated().alpn()).isEqualTo("h2");
            assertThat(c.stdoutText()).as(c.describe()).contains("ALPN protocol: h2\n");
        });
    }

    @Test
    void sniJtlsClient() throws Exception {
        TestPki pki = TestPki.get();
        checked("SNI, jtls client asks for sni.test, s_server -servername sni.test -cert2: both see sni.test", () -> {
            try (OpenSsl.Server s = plainServer(List.of("-servername", "sni.test", "-cert2",
                    pki.sniServer.certPem().toString(), "-key2", pki.sniServer.keyPem().toString()))) {
                // s_server sends no chain for -cert2, so this client also pins the intermediate CA.
                TlsConfig config = JtlsClient.config(SUITE, null).trust(new PinnedTrustVerifier(
                        List.of(pki.root, pki.sniServer.chain().get(1)), Clock.systemUTC())).build();
                Run run = JtlsClient.connect(config, "sni.test", s.port(), tls -> { });
                run.assertOk();
                assertThat(run.peerChain().get(0)).isEqualTo(pki.sniServer.chain().get(0));
                s.peer().awaitStdout(Pattern.compile("Hostname in TLS extension: \"sni.test\"\n"), OpenSsl.RUN);
                s.peer().awaitStdout(Pattern.compile("Switching server context."), OpenSsl.RUN);
            }
        });
    }

    @Test
    void sniJtlsServer() throws Exception {
        TestPki pki = TestPki.get();
        checked("SNI, s_client -servername sni.test / localhost, jtls server with both certificates: each gets its own",
                () -> {
                    server.config(OpenSslClientTest.serverConfig().certifiedKey(pki.sniServer.certifiedKey()).build());
                    List<String> base = OpenSslClientTest.clientArgs(server.port(), SUITE, SUITE_NAME, null);
                    List<String> sni = new ArrayList<>(base);
                    sni.set(sni.indexOf("-servername") + 1, "sni.test");
                    sni.set(sni.indexOf("-verify_hostname") + 1, "sni.test");
                    Peer c = OpenSsl.client("s_client -servername sni.test", sni, OpenSslClientTest.request(new byte[8]));
                    Result r = server.next(OpenSslClientTest.WAIT);
                    OpenSslClientTest.assertOk(r, c);
                    assertThat(r.negotiated().serverName()).isEqualTo("sni.test");
                    assertThat(c.stdoutText()).as(c.describe()).contains("subject=CN = sni.test\n",
                            "Verify return code: 0 (ok)");
                    Peer d = OpenSsl.client("s_client -servername localhost", base, OpenSslClientTest.request(new byte[8]));
                    Result r2 = server.next(OpenSslClientTest.WAIT);
                    OpenSslClientTest.assertOk(r2, d);
                    assertThat(r2.negotiated().serverName()).isEqualTo("localhost");
                    assertThat(d.stdoutText()).as(d.describe()).contains("subject=CN = localhost, OU = ECDSA\n",
                            "Verify return code: 0 (ok)");
                });
    }

    /** The jtls-server role of the key log check (run from {@link OpenSslServerFeaturesTest}, which has no jtls server). */
    static void keyLogJtlsServer(Matrix matrix) throws Exception {
        matrix.checked("key log: jtls server's key log file (KeyLog.toFile) vs s_client -keylogfile: the same CLIENT_RANDOM "
                + "line", () -> {
            Path ours = Peer.workDir().resolve("features-jtls-server-keylog.txt");
            Path theirs = Peer.workDir().resolve("features-openssl-client-keylog.txt");
            Files.deleteIfExists(ours);
            Files.deleteIfExists(theirs);
            try (JtlsServer own = new JtlsServer(); dev.jtls.handshake.FileKeyLog file = dev.jtls.handshake.KeyLog.toFile(ours)) {
                own.config(OpenSslClientTest.serverConfig(NamedGroup.X25519).keyLog(file).build());
                Peer c = OpenSsl.client("s_client -keylogfile", Interop.concat(OpenSslClientTest.clientArgs(own.port(), SUITE,
                        SUITE_NAME, NamedGroup.X25519), "-keylogfile", theirs.toString()), OpenSslClientTest.request(new byte[8]));
                OpenSslClientTest.assertOk(own.next(OpenSslClientTest.WAIT), c);
                file.close();
                List<String> mine = Files.readAllLines(ours);
                assertThat(mine).hasSize(1);
                assertThat(mine.get(0)).matches("CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}");
                assertThat(Files.readAllLines(theirs).stream().filter(l -> l.startsWith("CLIENT_RANDOM ")).toList())
                        .containsExactlyElementsOf(mine);
            }
        });
    }

    @Test
    void bigTransferJtlsServer() throws Exception {
        long start = System.nanoTime();
        String what = (BIG >> 20) + " MiB each way, s_client <-> jtls server echo (" + SUITE.standardName() + ", x25519)";
        checked(what, () -> {
            server.config(OpenSslClientTest.serverConfig(NamedGroup.X25519).build());
            byte[] data = Data.random(BIG, 3);
            Peer c = OpenSsl.client("s_client (big)", OpenSslClientTest.clientArgs(server.port(), SUITE, SUITE_NAME,
                    NamedGroup.X25519), OpenSslClientTest.request(data));
            Result r = server.next(OpenSslClientTest.WAIT);
            OpenSslClientTest.assertOk(r, c);
            assertThat(r.receivedSha256()).as("SHA-256 at jtls").isEqualTo(Data.sha256(data));
            byte[] echoed = Data.between(c.stdoutBytes(), JtlsServer.BEGIN, JtlsServer.END);
            assertThat(echoed).as("echo printed by s_client").isNotNull();
            assertThat(Data.sha256(echoed)).as("SHA-256 at s_client").isEqualTo(Data.sha256(data));
        });
        MATRIX.note(what + ": " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }
}
