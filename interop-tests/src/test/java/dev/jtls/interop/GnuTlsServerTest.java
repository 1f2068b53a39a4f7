package dev.jtls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.TlsConfig;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import dev.jtls.interop.JtlsClient.MemoryKeyLog;
import dev.jtls.interop.JtlsClient.Run;
import dev.jtls.interop.JtlsServer.Data;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * jtls as client against {@code gnutls-serv}, for every jtls suite GnuTLS has × every group (ECDHE
 * suites). Each row starts servers with the row's priority string: {@code --http --nodb} (no
 * session database: only a ticket can resume), {@code --http --noticket} (only a session id),
 * {@code --http --require-client-cert}, and {@code --echo}. gnutls-serv logs each connection on its
 * standard output (GnuTLS's view); its HTTP page names the suite.
 */
class GnuTlsServerTest {
    static final String PEER = "gnutls";
    static final String ROLE = "jtls-client";
    static final Matrix MATRIX = new Matrix("gnutls-2-jtls-client", "GnuTLS: jtls client → gnutls-serv",
            "gnutls-serv gets the row's priority string (`…:-GROUP-ALL:+GROUP-<g>`). `full`: jtls's suite/group/EMS and "
                    + "the server's certificate; gnutls-serv's log of that connection has `Description: (TLS1.2-X.509)-"
                    + "(ECDHE-<group>)-…`, `Options: extended master secret, safe renegotiation`, its HTTP page the "
                    + "`Ciphersuite`, and its SSLKEYLOGFILE line equals jtls's. `resumed-ticket`: against `--nodb` (no "
                    + "session database), the log says `This is a resumed session`. `resumed-id`: against `--noticket`, "
                    + "resumed with the same `Session ID`. `client-auth`: `--require-client-cert --verify-client-cert`; "
                    + "the log shows jtls's certificate (`Subject: CN=…`); without one gnutls-serv prints `Error in "
                    + "handshake: No certificate was found.` and jtls receives its fatal alert. `data`: `gnutls-serv --echo` is line-based text (strdup/strlen: a NUL ends a line), so the "
                    + "1 MiB of random bytes goes as base64 lines and comes back; SHA-256 of the echo at jtls equals "
                    + "what it sent (the echo is the server's view). `close`: every page read ended at gnutls-serv's "
                    + "close_notify and jtls sent its own.");

    @BeforeAll
    static void begin() {
        MATRIX.begin();
    }

    @AfterAll
    static void writeResults() {
        Interop.noteRestriction(MATRIX);
        MATRIX.note("gnutls-serv has no option for the listening address: it binds the wildcard address (IPv4 and "
                + "IPv6) on the free port the test picked; the tests connect to 127.0.0.1 only.");
        MATRIX.write();
    }

    static List<String> serverArgs(CipherSuite suite, NamedGroup group) {
        TestPki pki = TestPki.get();
        TestPki.Leaf leaf = suite.authentication() == CipherSuite.Authentication.ECDSA ? pki.ecServer : pki.rsaServer;
        return new ArrayList<>(List.of("--priority", GnuTls.priority(suite, group == null ? List.of()
                : serverGroups(suite, group)), "--x509certfile", leaf.chainPem().toString(),
                "--x509keyfile", leaf.keyPem().toString()));
    }

    /** Like {@link JtlsClient#offeredGroups}: a P-256 ECDSA certificate needs secp256r1 allowed too. */
    static List<NamedGroup> serverGroups(CipherSuite suite, NamedGroup group) {
        return JtlsClient.offeredGroups(suite, group);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dev.jtls.interop.Interop#rows")
    void jtlsClientAgainstGnutlsServer(CipherSuite suite, NamedGroup group) throws Exception {
        Cells cells = new Cells(MATRIX, new Matrix.Row(PEER, ROLE, suite.standardName(), Interop.groupColumn(group)));
        String name = GnuTls.suiteName(suite);
        if (name == null) {
            cells.refusedAll(GnuTls.refusal(suite));
            return;
        }
        TestPki pki = TestPki.get();
        List<String> args = serverArgs(suite, group);
        String tag = "gnutls-serv-" + Interop.tag(suite, group);
        Path keylog = Peer.workDir().resolve(tag + "-keylog.txt");
        Files.deleteIfExists(keylog);
        Page[] full = new Page[1];
        try (GnuTls.Server http = GnuTls.server("gnutls-serv --http --nodb", Interop.concat(args, "--http", "--nodb"),
                Map.of("SSLKEYLOGFILE", keylog.toString()))) {
            MemoryKeyLog keys = new MemoryKeyLog();
            TlsConfig ticketOnly = JtlsClient.config(suite, group).keyLog(keys).sessionIdResumption(false).build();
            cells.check("full", () -> {
                Page p = Page.get(ticketOnly, http);
                full[0] = p;
                p.run.assertOk();
                OpenSslServerTest.checkNegotiated(p.run, suite, group, false);
                assertThat(p.run.peerChain().get(0)).isEqualTo((suite.authentication() == CipherSuite.Authentication.ECDSA
                        ? pki.ecServer : pki.rsaServer).chain().get(0));
                assertThat(p.log).as(p.log).containsPattern("- Description: \\(TLS1\\.2-X\\.509\\)-\\("
                        + (group == null ? "RSA" : "ECDHE-" + GnuTls.groupName(group)) + "\\)-");
                assertThat(p.log).contains("- Options: extended master secret, safe renegotiation");
                assertThat(p.log).doesNotContain("This is a resumed session");
                assertThat(p.text).contains("<TD>Ciphersuite</TD><TD>" + name.substring("TLS_".length()) + "</TD>");
                List<String> theirs = Files.readAllLines(keylog).stream().filter(l -> l.startsWith("CLIENT_RANDOM ")).toList();
                assertThat(theirs).as("gnutls-serv's SSLKEYLOGFILE").containsExactlyElementsOf(keys.lines);
            });
            cells.check("resumed-ticket", () -> {
                if (full[0] == null || !full[0].run.ok()) {
                    throw new AssertionError("no full handshake to resume");
                }
                Page p = Page.get(ticketOnly, http);
                p.run.assertOk();
                OpenSslServerTest.checkNegotiated(p.run, suite, null, true);
                assertThat(p.log).as(p.log).contains("*** This is a resumed session");
            });
        }
        cells.check("resumed-id", () -> {
            try (GnuTls.Server http = GnuTls.server("gnutls-serv --http --noticket",
                    Interop.concat(args, "--http", "--noticket"), Map.of())) {
                TlsConfig config = JtlsClient.config(suite, group).sessionTickets(false).build();
                Page first = Page.get(config, http);
                first.run.assertOk();
                assertThat(first.log).doesNotContain("This is a resumed session");
                Page again = Page.get(config, http);
                again.run.assertOk();
                OpenSslServerTest.checkNegotiated(again.run, suite, null, true);
                assertThat(again.log).as(again.log).contains("*** This is a resumed session");
                assertThat(again.sessionId()).as("session id").isEqualTo(first.sessionId());
            }
        });
        cells.check("close", () -> {
            assertThat(full[0]).isNotNull();
            full[0].run.assertOk();
            assertThat(full[0].text).contains("</BODY></HTML>");
        });
        cells.check("client-auth", () -> {
            try (GnuTls.Server auth = GnuTls.server("gnutls-serv --require-client-cert", Interop.concat(args, "--http",
                    "--require-client-cert", "--verify-client-cert", "--x509cafile", pki.rootPem.toString()), Map.of())) {
                TestPki.Leaf leaf = OpenSslServerTest.clientLeaf(suite);
                Page p = Page.get(JtlsClient.config(suite, group).certifiedKey(leaf.certifiedKey()).build(), auth);
                p.run.assertOk();
                OpenSslServerTest.checkNegotiated(p.run, suite, group, false);
                // The certificate print follows the Options line: wait for the subject.
                auth.peer().awaitStdout(Pattern.compile("Subject: CN=" + Pattern.quote(leaf.commonName()) + "\n"),
                        GnuTls.RUN);
                Run refused = JtlsClient.connect(JtlsClient.config(suite, group).build(), "localhost", auth.port(), tls -> { });
                assertThat(refused.failure()).as("jtls's view of the refusal: " + refused.error()).isNotNull();
                // jtls sent an empty Certificate (RFC 5246 §7.4.6); the refusal is GnuTLS's fatal alert, received.
                assertThat(refused.failure().getMessage()).startsWith("peer aborted: it sent a fatal");
                MATRIX.note("gnutls-serv --require-client-cert, jtls without a certificate: gnutls-serv prints `Error in "
                        + "handshake: No certificate was found.` and sends " + refused.failure().description().rfcName()
                        + " (GnuTLS 3.7 answers its own gnutls-cli the same way).");
                auth.peer().awaitStderr(Pattern.compile("Error in handshake: No certificate was found\\."), GnuTls.RUN);
            }
        });
        cells.check("data", () -> {
            try (GnuTls.Server echo = GnuTls.server("gnutls-serv --echo", Interop.concat(args, "--echo", "--crlf"),
                    Map.of())) {
                byte[] text = base64Lines(Data.random(Interop.DATA, Interop.seed(suite, group, 3)));
                Run run = JtlsClient.connect(JtlsClient.config(suite, group).build(), "localhost", echo.port(),
                        tls -> assertThat(echoRoundTrip(tls, text)).as("SHA-256 of the echo at jtls")
                                .isEqualTo(Data.sha256(text)));
                run.assertOk();
                OpenSslServerTest.checkNegotiated(run, suite, group, false);
            }
        });
        cells.assertAllOk();
    }

    /** Random bytes as base64 lines of 8 KiB (gnutls-serv --echo handles text lines only). */
    static byte[] base64Lines(byte[] data) {
        String b64 = Base64.getMimeEncoder(8192, new byte[] {'\n'}).encodeToString(data) + "\n";
        return b64.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Sends {@code text} line by line, a few lines ahead of what has come back (TlsSocket reads and
     * writes under one lock, so the echo is read in between), and returns the SHA-256 of the echo.
     */
    static String echoRoundTrip(dev.jtls.connection.TlsSocket tls, byte[] text) throws java.io.IOException {
        OutputStream out = tls.getOutputStream();
        InputStream in = tls.getInputStream();
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[64 * 1024];
        int sent = 0;
        long received = 0;
        final int ahead = 4 * 8193;
        while (received < text.length) {
            while (sent < text.length && sent - received < ahead) {
                int end = sent;
                while (end < text.length && text[end] != '\n') {
                    end++;
                }
                end = Math.min(end + 1, text.length);
                out.write(text, sent, end - sent);
                sent = end;
            }
            int n = in.read(buf, 0, (int) Math.min(buf.length, sent - received));
            if (n < 0) {
                throw new java.io.EOFException("the echo ended after " + received + " of " + text.length + " bytes");
            }
            md.update(buf, 0, n);
            received += n;
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    /** One GET of gnutls-serv's HTTP page, with jtls's view and the server's log of that connection. */
    static final class Page {
        private static final Pattern SESSION_ID = Pattern.compile("- Session ID: ([0-9A-F:]+)");
        final Run run;
        final String text;
        final String log;

        private Page(Run run, String text, String log) {
            this.run = run;
            this.text = text;
            this.log = log;
        }

        static Page get(TlsConfig config, GnuTls.Server server) {
            int mark = server.mark();
            StringBuilder page = new StringBuilder();
            Run run = JtlsClient.connect(config, "localhost", server.port(), JtlsClient.httpGet(page));
            String log = run.ok() ? server.connectionLog(mark) : server.peer().stdoutText().substring(mark);
            return new Page(run, page.toString(), log);
        }

        String sessionId() {
            Matcher m = SESSION_ID.matcher(log);
            assertThat(m.find()).as("Session ID in gnutls-serv's log:\n" + log).isTrue();
            return m.group(1);
        }
    }
}
