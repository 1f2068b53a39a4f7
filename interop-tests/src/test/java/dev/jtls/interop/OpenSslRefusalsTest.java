package dev.jtls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import dev.jtls.interop.JtlsServer.Data;
import dev.jtls.interop.JtlsServer.Result;
import dev.jtls.record.AlertDescription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a jtls server refuses, seen by real peers: renegotiation ({@code s_client}'s {@code R}
 * command), a client offering only suites jtls lacks (s_client and gnutls-cli), and a session jtls
 * no longer knows (a refused resumption falls back to a full handshake).
 */
class OpenSslRefusalsTest {
    static final CipherSuite SUITE = OpenSslFeaturesTest.SUITE;
    static final String SUITE_NAME = OpenSslFeaturesTest.SUITE_NAME;
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Matrix MATRIX = new Matrix("openssl-5-refusals", "Refusals: renegotiation, unsupported suites, "
            + "unknown sessions (peer client → jtls server)", "Each line was checked on both sides.");
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

    @Test
    void renegotiationIsRefusedWithAWarning() throws Exception {
        MATRIX.checked("renegotiation: s_client `R` → jtls answers the renegotiating ClientHello with a no_renegotiation "
                + "warning (RFC 5746 §4.4; jtls does no renegotiation at all): s_client -msg shows `Alert [length 0002], warning no_renegotiation`; "
                + "OpenSSL 3.0 treats that warning as fatal and sends `fatal handshake_failure`, which jtls receives", () -> {
            server.config(OpenSslClientTest.serverConfig(NamedGroup.X25519).build());
            List<String> args = new ArrayList<>(OpenSslClientTest.clientArgs(server.port(), SUITE, SUITE_NAME,
                    NamedGroup.X25519));
            // s_client reads commands (R) only without -nocommands and -ign_eof.
            args.remove("-nocommands");
            args.remove("-ign_eof");
            args.add("-msg");
            List<String> cmd = new ArrayList<>(List.of(OpenSsl.BIN, "s_client"));
            cmd.addAll(args);
            try (Peer c = Peer.start("s_client R", cmd)) {
                c.awaitStdout(Pattern.compile("Verify return code: 0 \\(ok\\)"), OpenSsl.RUN);
                c.feedStdin("R\n".getBytes(StandardCharsets.US_ASCII), false);
                c.awaitStderr(Pattern.compile("RENEGOTIATING"), OpenSsl.RUN);
                Result r = server.next(WAIT);
                c.awaitExit(OpenSsl.RUN);
                String out = c.stdoutText() + c.stderrText();
                // jtls's side: the warning went out, and the connection ended on s_client's fatal alert.
                assertThat(out).as(c.describe()).contains("Alert [length 0002], warning no_renegotiation");
                assertThat(r.failure()).as("jtls's view: " + r.error()).isNotNull();
                assertThat(r.failure().description()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
                assertThat(r.failure().getMessage()).startsWith("peer aborted: it sent a fatal");
                assertThat(out).contains("Alert [length 0002], fatal handshake_failure");
            }
        });
    }

    @Test
    void gnutlsRenegotiationIsRefusedWithAWarning() throws Exception {
        MATRIX.checked("renegotiation: gnutls-cli --rehandshake → jtls answers each renegotiating ClientHello with a "
                + "no_renegotiation warning (gnutls-cli prints `Received alert [100]: No renegotiation is allowed`); "
                + "gnutls-cli 3.7 treats the warning as retryable and sends its ClientHello again (16 times), then ends "
                + "the connection with a fatal internal_error, which jtls receives: neither OpenSSL nor GnuTLS goes on "
                + "after a refused renegotiation, so the connection's soundness afterwards cannot be shown with them", () -> {
            server.config(OpenSslClientTest.serverConfig(NamedGroup.X25519).build());
            Path log = Peer.workDir().resolve("gnutls-cli-rehandshake.log");
            Files.deleteIfExists(log);
            Peer c = GnuTlsClientTest.run("gnutls-cli --rehandshake", Interop.concat(GnuTlsClientTest.args(server.port(),
                    SUITE, NamedGroup.X25519, log), "--rehandshake"), OpenSslClientTest.request(new byte[8]), Map.of());
            Result r = server.next(WAIT);
            String view = GnuTlsClientTest.log(log);
            assertThat(view).as(c.describe()).contains("- Handshake was completed",
                    "*** Received alert [100]: No renegotiation is allowed");
            assertThat(view).doesNotContain("Rehandshake was completed");
            assertThat(r.failure()).as("jtls's view: " + r.error()).isNotNull();
            assertThat(r.failure().getMessage()).startsWith("peer aborted: it sent a fatal");
            MATRIX.note("gnutls-cli --rehandshake: " + view.lines().filter(l -> l.contains("[100]")).count()
                    + " no_renegotiation warnings received by gnutls-cli; jtls then received "
                    + r.failure().description().rfcName() + ".");
        });
    }

    @Test
    void onlyUnsupportedSuitesGetHandshakeFailure() throws Exception {
        MATRIX.checked("s_client -cipher DHE-RSA-AES128-GCM-SHA256 (a suite jtls lacks): jtls sends handshake_failure, "
                + "s_client prints `alert handshake failure`", () -> {
            server.config(OpenSslClientTest.serverConfig().build());
            List<String> args = new ArrayList<>(OpenSslClientTest.clientArgs(server.port(), SUITE, SUITE_NAME, null));
            args.set(args.indexOf("-cipher") + 1, "DHE-RSA-AES128-GCM-SHA256");
            Peer c = OpenSsl.client("s_client -cipher DHE", args, new byte[0]);
            Result r = server.next(WAIT);
            assertThat(r.failure()).as("jtls's view").isNotNull();
            assertThat(r.failure().description()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
            assertThat(c.stdoutText() + c.stderrText()).as(c.describe()).contains("alert handshake failure");
        });
        MATRIX.checked("gnutls-cli --priority …:-KX-ALL:+DHE-RSA (no suite jtls has): jtls sends handshake_failure, "
                + "gnutls-cli prints `Received alert [40]: Handshake failed`", () -> {
            server.config(OpenSslClientTest.serverConfig().build());
            Path log = Peer.workDir().resolve("gnutls-cli-dhe.log");
            Files.deleteIfExists(log);
            Peer c = GnuTls.client("gnutls-cli DHE", List.of("-p", String.valueOf(server.port()), "--priority",
                    "NORMAL:-VERS-ALL:+VERS-TLS1.2:-KX-ALL:+DHE-RSA", "--x509cafile", TestPki.get().rootPem.toString(),
                    "--logfile", log.toString(), "localhost"), new byte[0], Map.of());
            Result r = server.next(WAIT);
            assertThat(r.failure()).as("jtls's view").isNotNull();
            assertThat(r.failure().description()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
            assertThat(Files.readString(log) + c.stderrText()).as(c.describe()).contains("Received alert [40]: Handshake failed");
        });
    }

    @Test
    void anUnknownSessionFallsBackToAFullHandshake() throws Exception {
        MATRIX.checked("refused resumption: s_client -sess_in with a session (ticket) from another jtls server: jtls does a "
                + "full handshake, s_client prints `New`", () -> {
            Path sess = Peer.workDir().resolve("refusal-other-server.sess");
            List<String> base;
            try (JtlsServer other = new JtlsServer()) {
                other.config(OpenSslClientTest.serverConfig(NamedGroup.X25519).build());
                base = OpenSslClientTest.clientArgs(other.port(), SUITE, SUITE_NAME, NamedGroup.X25519);
                Peer first = OpenSsl.client("s_client (other server)", Interop.concat(base, "-sess_out", sess.toString()),
                        OpenSslClientTest.request(new byte[8]));
                OpenSslClientTest.assertOk(other.next(WAIT), first);
            }
            server.config(OpenSslClientTest.serverConfig(NamedGroup.X25519).build());
            List<String> args = OpenSslClientTest.clientArgs(server.port(), SUITE, SUITE_NAME, NamedGroup.X25519);
            Peer again = OpenSsl.client("s_client -sess_in (unknown)", Interop.concat(args, "-sess_in", sess.toString()),
                    OpenSslClientTest.request(new byte[8]));
            Result r = server.next(WAIT);
            OpenSslClientTest.assertOk(r, again);
            OpenSslClientTest.checkNegotiated(r, SUITE, NamedGroup.X25519, false);
            assertThat(again.stdoutText()).as(again.describe()).containsPattern(OpenSsl.cipherLine("New", SUITE_NAME));
            byte[] echoed = Data.between(again.stdoutBytes(), JtlsServer.BEGIN, JtlsServer.END);
            assertThat(echoed).isEqualTo(new byte[8]);
        });
    }
}
