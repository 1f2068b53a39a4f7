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
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code openssl s_client} against a jtls server in this JVM, for every jtls suite OpenSSL has ×
 * every group (ECDHE suites); s_client is restricted to the row's suite and group and the jtls
 * server has its defaults (both certificates, every suite and group), so the choice is jtls's. The
 * s_client output is OpenSSL's view ("New"/"Reused", cipher, temp key, EMS, verification, echo of
 * the data, "closed"); {@link JtlsServer.Result} is jtls's.
 */
class OpenSslClientTest {
    static final String ROLE = "jtls-server";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Matrix MATRIX = new Matrix("openssl-1-jtls-server", "OpenSSL: openssl s_client → jtls server",
            "s_client is restricted to the row's suite and group; the jtls server has both certificates and every "
                    + "suite. `full`: jtls's suite/group/EMS, s_client prints `New, …, Cipher is …`, `Protocol  : TLSv1.2`, "
                    + "`Extended master secret: yes`, `Secure Renegotiation IS supported`, `Server Temp Key:` the row's "
                    + "group, `Verify return code: 0 (ok)`, and its `-keylogfile` line equals jtls's. `resumed-ticket`: a "
                    + "jtls server without session-id resumption, `-sess_in` → `Reused`. `resumed-id`: tickets off on "
                    + "both, `Reused` with the same `Session-ID`. `client-auth`: jtls requires a certificate; "
                    + "`s_client -cert` (ECDSA P-256) gets in and jtls sees that certificate; without one jtls sends "
                    + "handshake_failure and s_client prints `alert handshake failure`. `data`: jtls echoes what it "
                    + "received; SHA-256 at jtls and of s_client's printed echo. `close`: jtls sends close_notify first, "
                    + "s_client prints `closed`, jtls receives s_client's close_notify.");
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

    static TlsConfig.Builder serverConfig() {
        TestPki pki = TestPki.get();
        return TlsConfig.builder().certifiedKey(pki.ecServer.certifiedKey()).certifiedKey(pki.rsaServer.certifiedKey());
    }

    /** The server for a row: its default suites, and only the row's group (see {@link JtlsClient#offeredGroups}). */
    static TlsConfig.Builder serverConfig(NamedGroup group) {
        return group == null ? serverConfig() : serverConfig().groups(List.of(group));
    }

    /** s_client arguments for the row: one suite, one group, verifying jtls's chain against the test root. */
    static List<String> clientArgs(int port, CipherSuite suite, String opensslName, NamedGroup group) {
        List<String> args = new ArrayList<>(List.of("-connect", "127.0.0.1:" + port, "-tls1_2",
                "-cipher", opensslName + ":@SECLEVEL=0", "-servername", "localhost",
                "-CAfile", TestPki.get().rootPem.toString(), "-verify_return_error", "-verify_hostname", "localhost",
                "-ign_eof", "-nocommands"));
        if (group != null) {
            List<String> names = new ArrayList<>();
            for (NamedGroup g : JtlsClient.offeredGroups(suite, group)) {
                names.add(OpenSsl.groupName(g));
            }
            args.addAll(List.of("-groups", String.join(":", names)));
        }
        return args;
    }

    /** What s_client sends: a 4-byte length and the data (the jtls server echoes it between markers). */
    static byte[] request(byte[] data) {
        return ByteBuffer.allocate(4 + data.length).putInt(data.length).put(data).array();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.jtls.interop.Interop#rows")
    void opensslClientAgainstJtlsServer(CipherSuite suite, NamedGroup group) throws Exception {
        Cells cells = new Cells(MATRIX, new Matrix.Row(OpenSslServerTest.PEER, ROLE, suite.standardName(),
                Interop.groupColumn(group)));
        String name = OpenSsl.suiteName(suite);
        if (name == null) {
            cells.refusedAll(OpenSsl.refusal(suite));
            return;
        }
        TestPki pki = TestPki.get();
        String tag = suite.standardName() + "-" + (group == null ? "rsa" : group.name()).toLowerCase(Locale.ROOT);
        Path sessTicket = Peer.workDir().resolve(tag + "-ticket.sess");
        Path sessId = Peer.workDir().resolve(tag + "-id.sess");
        Path keylog = Peer.workDir().resolve(tag + "-keylog.txt");
        Files.deleteIfExists(keylog);
        List<String> args = clientArgs(server.port(), suite, name, group);
        byte[] data = Data.random(Interop.DATA, suite.ordinal() * 131L + (group == null ? 3 : group.ordinal()));

        // A ticket-only jtls server: s_client's next connection can only resume by ticket.
        MemoryKeyLog keys = new MemoryKeyLog();
        server.config(serverConfig(group).keyLog(keys).sessionIdResumption(false).build());
        Peer first = OpenSsl.client("s_client", Interop.concat(args, "-sess_out", sessTicket.toString(),
                "-keylogfile", keylog.toString()), request(data));
        Result firstResult = server.next(WAIT);
        String out1 = first.stdoutText();
        cells.check("full", () -> {
            assertOk(firstResult, first);
            checkNegotiated(firstResult, suite, group, false);
            assertThat(out1).as(first.describe()).containsPattern(OpenSsl.cipherLine("New", name)).contains(
                    "Protocol  : TLSv1.2", "Extended master secret: yes", "Secure Renegotiation IS supported",
                    "Verify return code: 0 (ok)", "TLS session ticket:");
            if (group != null) {
                assertThat(out1).contains("Server Temp Key: " + OpenSsl.tempKey(group) + "\n");
            }
            // The same master secret on both ends: jtls's key log vs s_client's -keylogfile.
            List<String> theirs = Files.readAllLines(keylog).stream().filter(l -> l.startsWith("CLIENT_RANDOM ")).toList();
            assertThat(theirs).as("s_client key log").containsExactlyElementsOf(keys.lines);
        });
        cells.check("data", () -> {
            assertOk(firstResult, first);
            assertThat(firstResult.received()).isEqualTo(data.length);
            assertThat(firstResult.receivedSha256()).as("SHA-256 of what jtls received").isEqualTo(Data.sha256(data));
            byte[] echoed = Data.between(first.stdoutBytes(), JtlsServer.BEGIN, JtlsServer.END);
            assertThat(echoed).as("s_client printed the echo: " + first.describe()).isNotNull();
            assertThat(Data.sha256(echoed)).as("SHA-256 of what s_client received").isEqualTo(Data.sha256(data));
        });
        cells.check("close", () -> {
            assertOk(firstResult, first);
            // jtls sent close_notify first; s_client printed "closed" on it and answered with its own.
            assertThat(out1).as(first.describe()).contains("\nclosed\n");
            assertThat(firstResult.peerCloseNotify()).as("jtls received s_client's close_notify").isTrue();
        });
        cells.check("resumed-ticket", () -> {
            Peer again = OpenSsl.client("s_client -sess_in", Interop.concat(args, "-sess_in",
                    sessTicket.toString()), request(new byte[16]));
            Result r = server.next(WAIT);
            assertOk(r, again);
            checkNegotiated(r, suite, null, true);
            assertThat(again.stdoutText()).as(again.describe()).containsPattern(OpenSsl.cipherLine("Reused", name));
        });
        cells.check("resumed-id", () -> {
            server.config(serverConfig(group).sessionTickets(false).build());
            Peer full = OpenSsl.client("s_client -no_ticket", Interop.concat(args, "-no_ticket", "-sess_out",
                    sessId.toString()), request(new byte[16]));
            Result r1 = server.next(WAIT);
            assertOk(r1, full);
            assertThat(full.stdoutText()).containsPattern(OpenSsl.cipherLine("New", name));
            String id = sessionId(full);
            Peer again = OpenSsl.client("s_client -no_ticket -sess_in", Interop.concat(args, "-no_ticket",
                    "-sess_in", sessId.toString()), request(new byte[16]));
            Result r2 = server.next(WAIT);
            assertOk(r2, again);
            checkNegotiated(r2, suite, null, true);
            assertThat(again.stdoutText()).as(again.describe()).containsPattern(OpenSsl.cipherLine("Reused", name));
            assertThat(sessionId(again)).as("session id").isEqualTo(id);
        });
        cells.check("client-auth", () -> {
            server.config(serverConfig(group).clientAuth(ClientAuth.NEED)
                    .trust(new PinnedTrustVerifier(List.of(pki.root), Clock.systemUTC())).build());
            Peer withCert = OpenSsl.client("s_client -cert", Interop.concat(args, "-cert",
                    pki.client.certPem().toString(), "-key", pki.client.keyPem().toString(), "-cert_chain",
                    pki.intermediatePem.toString()), request(new byte[16]));
            Result r = server.next(WAIT);
            assertOk(r, withCert);
            assertThat(r.peerChain()).as("client chain seen by jtls").isNotEmpty();
            assertThat(r.peerChain().get(0)).isEqualTo(pki.client.chain().get(0));
            assertThat(withCert.stdoutText()).containsPattern(OpenSsl.cipherLine("New", name));
            // Without one: jtls (ClientAuth.NEED) refuses with handshake_failure, which s_client prints.
            Peer without = OpenSsl.client("s_client (no cert)", args, request(new byte[16]));
            Result refused = server.next(WAIT);
            assertThat(refused.failure()).as("jtls refused the connection: " + without.describe()).isNotNull();
            assertThat(refused.failure().description()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
            assertThat(without.stderrText() + without.stdoutText()).as(without.describe())
                    .contains("alert handshake failure");
        });
        cells.assertAllOk();
    }

    private static final Pattern SESSION_ID = Pattern.compile("Session-ID: ([0-9A-F]*)\n");

    static String sessionId(Peer p) {
        Matcher m = SESSION_ID.matcher(p.stdoutText());
        assertThat(m.find()).as("Session-ID in " + p.describe()).isTrue();
        assertThat(m.group(1)).as("s_client's session id").isNotEmpty();
        return m.group(1);
    }

    static void assertOk(Result r, Peer peer) {
        if (!r.ok()) {
            throw new AssertionError("jtls server: " + (r.failure() != null ? r.failure().description().rfcName() + ": "
                    + r.failure().getMessage() : r.error()) + "\n" + peer.describe());
        }
    }

    static void checkNegotiated(Result r, CipherSuite suite, NamedGroup group, boolean resumed) {
        assertThat(r.negotiated()).as("jtls Negotiated event").isNotNull();
        assertThat(r.negotiated().suite()).isEqualTo(suite);
        assertThat(r.negotiated().resumed()).as("resumed").isEqualTo(resumed);
        assertThat(r.negotiated().extendedMasterSecret()).as("extended master secret").isTrue();
        if (!resumed) {
            assertThat(r.negotiated().group()).isEqualTo(group);
        }
    }
}
