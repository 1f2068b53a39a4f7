package dev.jtls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.TlsConfig;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import dev.jtls.interop.JtlsClient.MemoryKeyLog;
import dev.jtls.interop.JtlsClient.Run;
import dev.jtls.interop.JtlsServer.Data;
import dev.jtls.record.AlertDescription;
import java.io.InputStream;
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
 * jtls as client against {@code openssl s_server}, for every jtls suite OpenSSL has × every group
 * (ECDHE suites). Each row starts servers restricted to the row's suite and group: two {@code -www}
 * ones (their status page is OpenSSL's view: "New"/"Reused", cipher, shared groups, master key,
 * EMS), one with {@code -no_cache} (it can resume only by ticket) and one with {@code -no_ticket}
 * (only by session id); one with {@code -Verify 1} for client authentication; and a
 * {@code -brief} one whose standard output is exactly the application data it received.
 */
class OpenSslServerTest {
    static final String PEER = "openssl";
    static final String ROLE = "jtls-client";
    static final Matrix MATRIX = new Matrix("openssl-2-jtls-client", "OpenSSL: jtls client → openssl s_server",
            "`full`: jtls's suite/group/EMS, and the s_server -www page: `New, …, Cipher is …`, `Protocol  : "
                    + "TLSv1.2`, `Extended master secret: yes`, `Secure Renegotiation IS supported`, `Shared groups:` "
                    + "the row's group, `Master-Key:` equal to jtls's key log line. `resumed-ticket`: against "
                    + "`s_server -no_cache` (no session cache: only a ticket can resume), the page says `Reused`. "
                    + "`resumed-id`: against `s_server -no_ticket`, `Reused` with the session id jtls offered. "
                    + "`client-auth`: `-Verify 1`; the page names jtls's client certificate (RSA-2048 for RSA suites, "
                    + "ECDSA P-256 for ECDSA suites); without one jtls gets handshake_failure and s_server prints "
                    + "`peer did not return a certificate`. `data`: `s_server -brief` prints exactly what it received; "
                    + "what it sends back is fed to its stdin. `close`: every page read ended at s_server's close_notify "
                    + "(jtls throws on a bare TCP close) and jtls sent its own.");

    @BeforeAll
    static void begin() {
        MATRIX.begin();
    }

    @AfterAll
    static void writeResults() {
        Interop.noteRestriction(MATRIX);
        MATRIX.note("s_server restricted with `-groups G` refuses an ECDSA client certificate whose curve is not "
                + "in that list (`tls12_check_peer_sigalg:wrong curve`, sent as illegal_parameter), though in TLS 1.2 "
                + "the client cannot know the server's groups; so the client-auth server gets `-groups G:P-256` and "
                + "jtls still offers the row's group first (the ECDHE group stays the row's, checked).");
        MATRIX.write();
    }

    /** The s_server arguments that restrict it to one suite and group and give it the right certificate. */
    static List<String> serverArgs(CipherSuite suite, String opensslName, NamedGroup group) {
        return serverArgs(suite, opensslName, group == null ? null : OpenSsl.groupName(group));
    }

    static List<String> serverArgs(CipherSuite suite, String opensslName, String groups) {
        TestPki pki = TestPki.get();
        TestPki.Leaf leaf = suite.authentication() == CipherSuite.Authentication.ECDSA ? pki.ecServer : pki.rsaServer;
        List<String> args = new ArrayList<>(List.of("-tls1_2", "-cipher", opensslName + ":@SECLEVEL=0",
                "-cert", leaf.certPem().toString(), "-key", leaf.keyPem().toString(),
                "-cert_chain", pki.intermediatePem.toString()));
        if (groups != null) {
            args.addAll(List.of("-groups", groups));
        }
        return args;
    }

    /** The client certificate for a row: one of the suite's own key type. */
    static TestPki.Leaf clientLeaf(CipherSuite suite) {
        TestPki pki = TestPki.get();
        return suite.authentication() == CipherSuite.Authentication.ECDSA ? pki.client : pki.rsaClient;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.jtls.interop.Interop#rows")
    void jtlsClientAgainstOpensslServer(CipherSuite suite, NamedGroup group) throws Exception {
        Cells cells = new Cells(MATRIX, new Matrix.Row(PEER, ROLE, suite.standardName(), Interop.groupColumn(group)));
        String name = OpenSsl.suiteName(suite);
        if (name == null) {
            cells.refusedAll(OpenSsl.refusal(suite));
            return;
        }
        TestPki pki = TestPki.get();
        List<String> args = serverArgs(suite, name, group);
        Page[] full = new Page[1];
        try (OpenSsl.Server www = OpenSsl.server("s_server -www -no_cache", Interop.concat(args, "-www", "-no_cache"))) {
            // A ticket-only client against a cache-less server: the next connection can only resume by ticket.
            MemoryKeyLog keys = new MemoryKeyLog();
            TlsConfig ticketOnly = JtlsClient.config(suite, group).keyLog(keys).sessionIdResumption(false).build();
            cells.check("full", () -> {
                Page p = Page.get(ticketOnly, www);
                full[0] = p;
                p.run.assertOk();
                checkNegotiated(p.run, suite, group, false);
                assertThat(p.run.peerChain().get(0)).isEqualTo((suite.authentication() == CipherSuite.Authentication.ECDSA
                        ? pki.ecServer : pki.rsaServer).chain().get(0));
                p.assertContainsPattern(OpenSsl.cipherLine("New", name));
                p.assertContains("Extended master secret: yes");
                p.assertContains("Secure Renegotiation IS supported");
                if (group != null) {
                    p.assertContains("Shared groups: " + OpenSsl.registryName(group) + "\n");
                }
                // Both ends derived the same master secret: jtls's key log line vs OpenSSL's SSL_SESSION print.
                assertThat(p.masterKey()).isEqualTo(keys.lastMasterSecret());
            });
            cells.check("resumed-ticket", () -> {
                if (full[0] == null || !full[0].run.ok()) {
                    throw new AssertionError("no full handshake to resume");
                }
                Page p = Page.get(ticketOnly, www);
                p.run.assertOk();
                checkNegotiated(p.run, suite, null, true);
                p.assertContainsPattern(OpenSsl.cipherLine("Reused", name));
                assertThat(p.masterKey()).as("the resumed session's master secret").isEqualTo(full[0].masterKey());
            });
        }
        cells.check("resumed-id", () -> {
            try (OpenSsl.Server www = OpenSsl.server("s_server -www -no_ticket", Interop.concat(args, "-www", "-no_ticket"))) {
                TlsConfig config = JtlsClient.config(suite, group).sessionTickets(false).build();
                Page idFull = Page.get(config, www);
                idFull.run.assertOk();
                idFull.assertContainsPattern(OpenSsl.cipherLine("New", name));
                Page resumed = Page.get(config, www);
                resumed.run.assertOk();
                checkNegotiated(resumed.run, suite, null, true);
                resumed.assertContainsPattern(OpenSsl.cipherLine("Reused", name));
                assertThat(resumed.sessionId()).as("session id").isEqualTo(idFull.sessionId());
                assertThat(resumed.cacheHits()).as("s_server session cache hits").isEqualTo(idFull.cacheHits() + 1);
            }
        });
        cells.check("close", () -> {
            // Every Page.get above read to -1, which TlsSocket returns only after OpenSSL's close_notify
            // (a bare TCP close throws); and jtls closed each with its own close_notify.
            assertThat(full[0]).isNotNull();
            full[0].run.assertOk();
            assertThat(full[0].text).contains("</BODY></HTML>");
        });
        cells.check("client-auth", () -> {
            String groups = group == null ? null : group == NamedGroup.SECP256R1 ? "P-256" : OpenSsl.groupName(group) + ":P-256";
            List<String> auth = Interop.concat(serverArgs(suite, name, groups), "-www", "-Verify", "1",
                    "-verify_return_error", "-CAfile", pki.rootPem.toString());
            try (OpenSsl.Server server = OpenSsl.server("s_server -Verify", auth)) {
                TestPki.Leaf leaf = clientLeaf(suite);
                TlsConfig withCert = JtlsClient.config(suite, group).certifiedKey(leaf.certifiedKey()).build();
                Page p = Page.get(withCert, server);
                p.run.assertOk();
                checkNegotiated(p.run, suite, group, false);
                p.assertContains("Client certificate");
                p.assertContains(leaf.commonName());
                // Without a certificate: OpenSSL refuses (RFC 5246 §7.4.6) and jtls reports its alert.
                TlsConfig without = JtlsClient.config(suite, group).build();
                Run refused = JtlsClient.connect(without, "localhost", server.port(), tls -> { });
                assertThat(refused.failure()).as("jtls's view of the refusal").isNotNull();
                assertThat(refused.failure().description()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE);
                awaitStderr(server.peer(), "peer did not return a certificate");
            }
        });
        cells.check("data", () -> {
            try (OpenSsl.Server server = OpenSsl.quietServer("s_server -brief", args)) {
                byte[] up = Data.random(Interop.DATA, Interop.seed(suite, group, 1));
                byte[] down = Data.random(Interop.DATA, Interop.seed(suite, group, 2));
                byte[] got = new byte[Interop.DATA];
                Run run = JtlsClient.connect(JtlsClient.config(suite, group).build(), "localhost", server.port(), tls -> {
                    tls.getOutputStream().write(up);
                    server.peer().awaitStdoutLength(up.length, OpenSsl.RUN);
                    server.peer().feedStdin(down, false);
                    InputStream in = tls.getInputStream();
                    int n = in.readNBytes(got, 0, got.length);
                    assertThat(n).isEqualTo(got.length);
                });
                run.assertOk();
                checkNegotiated(run, suite, group, false);
                assertThat(Data.sha256(server.peer().stdoutBytes())).as("SHA-256 of what s_server received")
                        .isEqualTo(Data.sha256(up));
                assertThat(Data.sha256(got)).as("SHA-256 of what jtls received").isEqualTo(Data.sha256(down));
                // -brief prints the connection on stderr; its capture thread may be behind stdout's.
                server.peer().awaitStderr(Pattern.compile("Ciphersuite: " + Pattern.quote(name) + "\n"), OpenSsl.RUN);
            }
        });
        cells.assertAllOk();
    }

    static void checkNegotiated(Run run, CipherSuite suite, NamedGroup group, boolean resumed) {
        assertThat(run.negotiated()).as("jtls Negotiated event").isNotNull();
        assertThat(run.negotiated().suite()).isEqualTo(suite);
        assertThat(run.negotiated().resumed()).as("resumed").isEqualTo(resumed);
        assertThat(run.negotiated().extendedMasterSecret()).as("extended master secret").isTrue();
        if (!resumed) {
            assertThat(run.negotiated().group()).isEqualTo(group);
        }
    }

    static void awaitStderr(Peer peer, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!peer.stderrText().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("OpenSSL did not print '" + text + "': " + peer.describe());
            }
            Thread.sleep(20);
        }
    }

    /** One GET of s_server's -www status page with jtls's view of the connection. */
    static final class Page {
        private static final Pattern MASTER_KEY = Pattern.compile("Master-Key: ([0-9A-F]{96})");
        private static final Pattern SESSION_ID = Pattern.compile("Session-ID: ([0-9A-F]{64})");
        private static final Pattern HITS = Pattern.compile("(\\d+) session cache hits");

        final Run run;
        final String text;

        private Page(Run run, String text) {
            this.run = run;
            this.text = text;
        }

        static Page get(TlsConfig config, OpenSsl.Server server) {
            StringBuilder page = new StringBuilder();
            Run run = JtlsClient.connect(config, "localhost", server.port(), JtlsClient.httpGet(page));
            return new Page(run, page.toString());
        }

        void assertContainsPattern(String regex) {
            assertThat(text).as("s_server -www page").containsPattern(regex);
            assertThat(text).as("s_server -www page").contains("Protocol  : TLSv1.2");
        }

        void assertContains(String s) {
            assertThat(text).as("s_server -www page").contains(s);
        }

        String masterKey() {
            Matcher m = MASTER_KEY.matcher(text);
            assertThat(m.find()).as("Master-Key on the s_server page:\n" + text).isTrue();
            return m.group(1).toLowerCase(Locale.ROOT);
        }

        String sessionId() {
            Matcher m = SESSION_ID.matcher(text);
            assertThat(m.find()).as("Session-ID on the s_server page:\n" + text).isTrue();
            return m.group(1);
        }

        int cacheHits() {
            Matcher m = HITS.matcher(text);
            assertThat(m.find()).as("session cache hits on the s_server page").isTrue();
            return Integer.parseInt(m.group(1));
        }
    }
}
