package dev.jtls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.ClientAuth;
import dev.jtls.config.TlsConfig;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import dev.jtls.interop.JtlsClient.MemoryKeyLog;
import dev.jtls.interop.JtlsServer.Data;
import dev.jtls.interop.JtlsServer.Result;
import dev.jtls.pki.PinnedTrustVerifier;
import dev.jtls.record.AlertDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code gnutls-cli} against a jtls server in this JVM, for every jtls suite GnuTLS has × every
 * group (ECDHE suites). gnutls-cli is restricted by a priority string to the row's suite and group;
 * its informational messages go to a {@code --logfile} (GnuTLS's view: description, options,
 * certificate status, resumption), its standard output is exactly the data it received.
 */
class GnuTlsClientTest {
    static final String PEER = "gnutls";
    static final String ROLE = "jtls-server";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Matrix MATRIX = new Matrix("gnutls-1-jtls-server", "GnuTLS: gnutls-cli → jtls server",
            "gnutls-cli gets `--priority NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+<cipher>:-MAC-ALL:+<mac>:-KX-ALL:+<kx>"
                    + ":-GROUP-ALL:+GROUP-<g>`; the jtls server has both certificates and only the row's group. `full`: jtls's "
                    + "suite/group/EMS; gnutls-cli's log has `Status: The certificate is trusted.`, `Description: "
                    + "(TLS1.2-X.509)-(ECDHE-<group>)-…-(<cipher>)`, `Options: extended master secret, safe renegotiation`, "
                    + "and its SSLKEYLOGFILE line equals jtls's. `resumed-ticket` (jtls without session-id resumption) / "
                    + "`resumed-id` (`--noticket`, jtls without tickets): `gnutls-cli --resume` prints `This is a resumed "
                    + "session` and jtls's second connection is resumed. `client-auth`: jtls requires a certificate; "
                    + "`--x509certfile/--x509keyfile` (RSA-2048 for RSA suites, ECDSA P-256 for ECDSA suites) gets in; without "
                    + "one jtls sends handshake_failure and gnutls-cli prints `Received alert [40]: Handshake failed`. `data`: "
                    + "jtls echoes what it received; SHA-256 at jtls and of gnutls-cli's output. `close`: jtls first: "
                    + "gnutls-cli prints `Peer has closed the GnuTLS connection` (and closes the socket without a "
                    + "close_notify of its own: gnutls-cli answers a peer's close without gnutls_bye); gnutls-cli first "
                    + "(end of its input): jtls receives its close_notify and answers.");
    private static JtlsServer server;

    @BeforeAll
    static void startServer() throws Exception {
        MATRIX.begin();
        server = new JtlsServer();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
        Interop.noteRestriction(MATRIX);
        MATRIX.write();
    }

    /** gnutls-cli arguments for a row, with its log in {@code log}. */
    static List<String> args(int port, CipherSuite suite, NamedGroup group, Path log) {
        List<NamedGroup> groups = group == null ? List.of() : JtlsClient.offeredGroups(suite, group);
        return new ArrayList<>(List.of("-p", String.valueOf(port), "--priority", GnuTls.priority(suite, groups),
                "--x509cafile", TestPki.get().rootPem.toString(), "--sni-hostname", "localhost",
                "--verify-hostname", "localhost", "--logfile", log.toString(), "127.0.0.1"));
    }

    /**
     * Runs gnutls-cli with {@code request} on its standard input, kept open until jtls's echo has
     * come back (gnutls-cli ends the connection at once on end of input), then closed.
     */
    static Peer run(String name, List<String> args, byte[] request, Map<String, String> env) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(GnuTls.CLI));
        cmd.addAll(args);
        Peer p = Peer.start(name, cmd, env);
        p.feedStdin(request, false);
        try {
            p.awaitStdout(JtlsServer.END, GnuTls.RUN);
        } catch (AssertionError e) {
            // Refused or failed: its log and output say why; the checks below report it.
        }
        p.closeStdin();
        p.awaitExit(GnuTls.RUN);
        return p;
    }

    static String log(Path log) throws Exception {
        return Files.exists(log) ? Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1) : "(no log)";
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.jtls.interop.Interop#rows")
    void gnutlsClientAgainstJtlsServer(CipherSuite suite, NamedGroup group) throws Exception {
        Cells cells = new Cells(MATRIX, new Matrix.Row(PEER, ROLE, suite.standardName(), Interop.groupColumn(group)));
        String name = GnuTls.suiteName(suite);
        if (name == null) {
            cells.refusedAll(GnuTls.refusal(suite));
            return;
        }
        TestPki pki = TestPki.get();
        String tag = "gnutls-cli-" + Interop.tag(suite, group);
        Path log1 = Peer.workDir().resolve(tag + "-full.log");
        Path keylog = Peer.workDir().resolve(tag + "-keylog.txt");
        Files.deleteIfExists(log1);
        Files.deleteIfExists(keylog);
        byte[] data = Data.random(Interop.DATA, Interop.seed(suite, group, 5));
        MemoryKeyLog keys = new MemoryKeyLog();
        server.config(OpenSslClientTest.serverConfig(group).keyLog(keys).build());
        Peer first = run("gnutls-cli", args(server.port(), suite, group, log1), OpenSslClientTest.request(data),
                Map.of("SSLKEYLOGFILE", keylog.toString()));
        Result firstResult = server.next(WAIT);
        String view = log(log1);
        cells.check("full", () -> {
            OpenSslClientTest.assertOk(firstResult, first);
            OpenSslClientTest.checkNegotiated(firstResult, suite, group, false);
            assertThat(view).as(view).contains("- Status: The certificate is trusted.",
                    "- Options: extended master secret, safe renegotiation", "- Handshake was completed");
            assertThat(view).containsPattern("- Description: \\(TLS1\\.2-X\\.509\\)-\\("
                    + (group == null ? "RSA" : "ECDHE-" + GnuTls.groupName(group)) + "\\)-.*\\(" + cipherInDescription(suite) + "\\)");
            List<String> theirs = Files.readAllLines(keylog).stream().filter(l -> l.startsWith("CLIENT_RANDOM ")).toList();
            assertThat(theirs).as("gnutls-cli's SSLKEYLOGFILE").containsExactlyElementsOf(keys.lines);
        });
        cells.check("data", () -> {
            OpenSslClientTest.assertOk(firstResult, first);
            assertThat(firstResult.received()).isEqualTo(data.length);
            assertThat(firstResult.receivedSha256()).as("SHA-256 of what jtls received").isEqualTo(Data.sha256(data));
            byte[] echoed = Data.between(first.stdoutBytes(), JtlsServer.BEGIN, JtlsServer.END);
            assertThat(echoed).as("gnutls-cli printed the echo: " + first.describe()).isNotNull();
            assertThat(Data.sha256(echoed)).as("SHA-256 of what gnutls-cli received").isEqualTo(Data.sha256(data));
        });
        cells.check("close", () -> {
            OpenSslClientTest.assertOk(firstResult, first);
            // jtls first: gnutls-cli reads jtls's close_notify as the end (and closes without answering).
            assertThat(view).as(view).contains("- Peer has closed the GnuTLS connection");
            // gnutls-cli first (end of its input: gnutls_bye): jtls receives its close_notify and answers.
            server.config(OpenSslClientTest.serverConfig(group).build(), true);
            Path log = Peer.workDir().resolve(tag + "-close.log");
            Peer p = run("gnutls-cli (closes first)", args(server.port(), suite, group, log),
                    OpenSslClientTest.request(new byte[16]), Map.of());
            Result r = server.next(WAIT);
            OpenSslClientTest.assertOk(r, p);
            assertThat(r.peerCloseNotify()).as("jtls received gnutls-cli's close_notify: " + log(log)).isTrue();
        });
        cells.check("resumed-ticket", () -> {
            server.config(OpenSslClientTest.serverConfig(group).sessionIdResumption(false).build());
            resume(suite, group, tag + "-ticket.log", List.of());
        });
        cells.check("resumed-id", () -> {
            server.config(OpenSslClientTest.serverConfig(group).sessionTickets(false).build());
            resume(suite, group, tag + "-id.log", List.of("--noticket"));
        });
        cells.check("client-auth", () -> {
            server.config(OpenSslClientTest.serverConfig(group).clientAuth(ClientAuth.NEED)
                    .trust(new PinnedTrustVerifier(List.of(pki.root), Clock.systemUTC())).build());
            TestPki.Leaf leaf = OpenSslServerTest.clientLeaf(suite);
            Path log = Peer.workDir().resolve(tag + "-auth.log");
            Peer withCert = run("gnutls-cli --x509certfile", Interop.concat(args(server.port(), suite, group, log),
                    "--x509certfile", leaf.chainPem().toString(), "--x509keyfile", leaf.keyPem().toString()),
                    OpenSslClientTest.request(new byte[16]), Map.of());
            Result r = server.next(WAIT);
            OpenSslClientTest.assertOk(r, withCert);
            assertThat(r.peerChain()).as("client chain seen by jtls").isNotEmpty();
            assertThat(r.peerChain().get(0)).isEqualTo(leaf.chain().get(0));
            assertThat(log(log)).contains("- Successfully sent 2 certificate(s) to server.");
            Path log2 = Peer.workDir().resolve(tag + "-noauth.log");
            Peer without = run("gnutls-cli (no cert)", args(server.port(), suite, group, log2),
                    OpenSslClientTest.request(new byte[16]), Map.of());
            Result refused = server.next(WAIT);
            assertThat(refused.failure()).as("jtls refused the connection: " + without.describe()).isNotNull();
            assertThat(refused.failure().description()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
            assertThat(log(log2) + without.stderrText()).contains("Received alert [40]: Handshake failed");
        });
        cells.assertAllOk();
    }

    private void resume(CipherSuite suite, NamedGroup group, String logName, List<String> more) throws Exception {
        Path log = Peer.workDir().resolve(logName);
        List<String> a = args(server.port(), suite, group, log);
        a.addAll(0, Interop.concat(more, "--resume"));
        Peer p = run("gnutls-cli --resume", a, OpenSslClientTest.request(new byte[16]), Map.of());
        Result r1 = server.next(WAIT);
        Result r2 = server.next(WAIT);
        OpenSslClientTest.assertOk(r1, p);
        OpenSslClientTest.assertOk(r2, p);
        OpenSslClientTest.checkNegotiated(r1, suite, group, false);
        OpenSslClientTest.checkNegotiated(r2, suite, null, true);
        assertThat(log(log)).as(log(log)).contains("*** This is a resumed session", "- Resume Handshake was completed");
    }

    /** How gnutls-cli's Description names the cipher (and, for CBC, the MAC after it). */
    static String cipherInDescription(CipherSuite suite) {
        String p = GnuTls.priority(suite, List.of());
        String cipher = p.substring(p.indexOf("-CIPHER-ALL:+") + 13, p.indexOf(":-MAC-ALL"));
        return Pattern.quote(cipher);
    }
}
