package dev.jtls.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.TlsConfig;
import dev.jtls.connection.TlsConnection;
import dev.jtls.connection.TlsSocket;
import dev.jtls.pki.PkixTrustVerifier;
import dev.jtls.pki.TrustAnchors;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jtls server} as a server: side by side, bounded, with a deadline, one line per connection, config checked first. */
class ServerCommandTest {
    @TempDir
    Path dir;

    private static Socket raw(int port) throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout(10_000);
        return s;
    }

    /** A jtls client socket to the server on {@code port} that trusts {@code ca}; the handshake is the caller's. */
    private static TlsSocket client(int port, Path ca) throws Exception {
        TlsConfig config = TlsConfig.builder().trust(PkixTrustVerifier.webPki(TrustAnchors.fromPem(ca))).build();
        return new TlsSocket(raw(port), TlsConnection.client(config, "localhost", port));
    }

    /** A server with the key of {@code pki} and these options. */
    private static RunningServer serve(RunningServer.PemFiles pki, String... options) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--cert", pki.chain().toString(), "--key", pki.key().toString()));
        args.addAll(List.of(options));
        return RunningServer.start(args.toArray(new String[0]));
    }

    /** A jtls client that trusts {@code ca}: handshake, one line each way, close_notify. */
    private static String talk(int port, Path ca, String line) throws Exception {
        try (TlsSocket tls = client(port, ca)) {
            tls.handshake();
            tls.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            byte[] back = new byte[line.length() + 1];
            int n = tls.getInputStream().readNBytes(back, 0, back.length);
            return new String(back, 0, n, StandardCharsets.UTF_8).strip();
        }
    }

    @Test
    void anIdleConnectionDoesNotDelayTheNext() throws Exception {
        RunningServer.PemFiles pki = RunningServer.PemFiles.write(dir, DemoCertificates.create(), "");
        RunningServer server = serve(pki, "--echo", "--count", "2", "--handshake-timeout", "20s");
        try (Socket idle = raw(server.port)) {
            long start = System.nanoTime();
            assertThat(talk(server.port, pki.ca(), "served at once")).isEqualTo("served at once");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(ms).as("the second client waited for the idle first one").isLessThan(10_000);
            assertThat(server.awaitLine(2, Duration.ofSeconds(5))).contains("closed by the client (close_notify); TLS_ECDHE_ECDSA_");
            assertThat(server.log()).doesNotContain("connection 1 from");
        }
        assertThat(server.awaitLine(1, Duration.ofSeconds(5))).contains(": failed: the peer closed the connection during the handshake");
        assertThat(server.awaitExit()).isZero();
    }

    /** A client that sends its hello a byte at a time, each well within any read timeout, is cut off at the deadline. */
    @Test
    void theHandshakeDeadlineIsForTheWholeHandshake() throws Exception {
        RunningServer.PemFiles pki = RunningServer.PemFiles.write(dir, DemoCertificates.create(), "");
        RunningServer server = serve(pki, "--echo", "--count", "1", "--handshake-timeout", "800ms");
        byte[] hello = Tls13Hello.record();
        long start = System.nanoTime();
        try (Socket slow = raw(server.port)) {
            try {
                for (byte b : hello) {
                    slow.getOutputStream().write(b);
                    Thread.sleep(100);
                }
            } catch (java.io.IOException closedByTheServer) {
                // expected: the server closed the connection at its deadline
            }
        }
        assertThat((System.nanoTime() - start) / 1_000_000).as("cut off well before the hello was sent")
                .isLessThan(hello.length * 100L);
        assertThat(server.awaitLine(1, Duration.ofSeconds(5))).matches(
                "connection 1 from 127\\.0\\.0\\.1:\\d+: handshake not done within 800 ms \\(--handshake-timeout\\): closed; \\d+ ms");
        assertThat(server.awaitExit()).isZero();
    }

    @Test
    void aConnectionQuietAfterItsHandshakeEndsAtTheIdleTimeout() throws Exception {
        RunningServer.PemFiles pki = RunningServer.PemFiles.write(dir, DemoCertificates.create(), "");
        RunningServer server = serve(pki, "--echo", "--count", "1", "--idle-timeout", "500ms");
        try (TlsSocket tls = client(server.port, pki.ca())) {
            tls.handshake();
            // The server closes with its close_notify: the end of the stream, not an error.
            assertThat(tls.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(server.awaitLine(1, Duration.ofSeconds(5)))
                .contains(": idle for 500 ms (--idle-timeout): closed; TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, x25519, full handshake");
        assertThat(server.awaitExit()).isZero();
    }

    @Test
    void aFullPoolRefusesAndSaysSoWithoutBlockingTheAcceptLoop() throws Exception {
        RunningServer.PemFiles pki = RunningServer.PemFiles.write(dir, DemoCertificates.create(), "");
        RunningServer server = serve(pki, "--echo", "--count", "3", "--max-connections", "1", "--handshake-timeout", "3s");
        try (Socket busy = raw(server.port); Socket refused = raw(server.port)) {
            assertThat(refused.getInputStream().read()).as("closed at once").isEqualTo(-1);
            assertThat(server.awaitLine(2, Duration.ofSeconds(5)))
                    .endsWith(": refused: all 1 workers are busy (--max-connections 1)");
        }
        // The slot is free again once the first connection has ended: the third is served.
        server.awaitLine(1, Duration.ofSeconds(10));
        assertThat(talk(server.port, pki.ca(), "third")).isEqualTo("third");
        assertThat(server.awaitExit()).isZero();
    }

    @Test
    void badClientsGetOneLineEachAndTheServerKeepsServing() throws Exception {
        RunningServer.PemFiles pki = RunningServer.PemFiles.write(dir, DemoCertificates.create(), "");
        RunningServer server = serve(pki, "--echo", "--count", "4");
        // 1: plain HTTP on the TLS port; the answer on the wire is still a fatal unexpected_message alert.
        try (Socket http = raw(server.port)) {
            http.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(http.getInputStream().readAllBytes()).containsExactly(0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x0a);
        }
        assertThat(server.awaitLine(1, Duration.ofSeconds(5))).contains(": failed: record layer: the peer sent plain HTTP, not TLS");
        // 2: a TLS 1.3-only ClientHello (as openssl s_client -tls1_3 sends): protocol_version.
        try (Socket tls13 = raw(server.port)) {
            tls13.getOutputStream().write(Tls13Hello.record());
            assertThat(tls13.getInputStream().readAllBytes()).containsExactly(0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46);
        }
        assertThat(server.awaitLine(2, Duration.ofSeconds(5))).contains(": failed: peer incompatible: the client offers only TLS 1.3");
        // 3: a client that hangs up after the handshake without close_notify.
        TlsSocket tls = client(server.port, pki.ca());
        tls.handshake();
        tls.socket().close();
        assertThat(server.awaitLine(3, Duration.ofSeconds(5))).contains(": truncated (no close_notify); TLS_ECDHE_ECDSA_");
        // 4: and a good client is still served.
        assertThat(talk(server.port, pki.ca(), "still here")).isEqualTo("still here");
        assertThat(server.awaitExit()).isZero();
        assertThat(server.log()).doesNotContain("Exception");
    }

    @Test
    void eachConfigurationProblemIsOneLineAndExitOneBeforeAnythingIsMade() throws Exception {
        RunningServer.PemFiles a = RunningServer.PemFiles.write(dir, DemoCertificates.create(), "a-");
        RunningServer.PemFiles b = RunningServer.PemFiles.write(dir, DemoCertificates.create(), "b-");
        Path missing = dir.resolve("missing.pem");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            List<List<String>> cases = List.of(
                    List.of("--cert", a.chain().toString(), "--key", b.key().toString()),
                    List.of("--cert", dir.toString(), "--key", a.key().toString()),
                    List.of("--cert", missing.toString(), "--key", a.key().toString()),
                    List.of("--port", String.valueOf(port)),
                    List.of("--suite", "TLS_AES_128_GCM_SHA256"),
                    List.of("--port", "70000"),
                    List.of("--group", "ffdhe2048"),
                    List.of("--cert", a.chain().toString(), "--key", a.key().toString(), "--ca-out", dir.resolve("ca.pem").toString()));
            List<String> expected = List.of(
                    "jtls server: --key " + b.key() + " is not the private key of --cert " + a.chain()
                            + " (leaf 'CN=localhost'): the public keys differ",
                    "jtls server: --cert " + dir + ": is a directory, not a PEM file",
                    "jtls server: --cert " + missing + ": no such file",
                    "jtls server: port " + port + " on 127.0.0.1 is already in use; pick another with --port (--port 0 picks a free one)",
                    "jtls server: unknown cipher suite 'TLS_AES_128_GCM_SHA256'; jtls supports TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, ",
                    "jtls server: --port 70000: not a port (1-65535, or 0 for a free one)",
                    "jtls server: unknown group 'ffdhe2048'; jtls supports ",
                    "jtls server: --ca-out writes the throwaway CA, which is made only without --cert/--key");
            for (int i = 0; i < cases.size(); i++) {
                Captured r = Captured.server(cases.get(i).toArray(new String[0]));
                assertThat(r.code()).as(cases.get(i) + ": " + r.err()).isNotZero();
                assertThat(r.err().strip()).as(cases.get(i).toString()).contains(expected.get(i)).doesNotContain("\n");
                assertThat(r.out()).as("nothing made or printed before the check").doesNotContain("BEGIN CERTIFICATE", "listening");
            }
        }
        Captured badTime = Captured.run("server", "--handshake-timeout", "soon");
        assertThat(badTime.code()).isEqualTo(2);
        assertThat(badTime.err().strip()).isEqualTo("jtls server: Invalid value for option '--handshake-timeout': "
                + "'soon' is not a time such as 500ms, 10s or 2m (see jtls server --help)");
    }

    @Test
    void caOutWritesTheThrowawayCaThatClientsTrust() throws Exception {
        Path ca = dir.resolve("throwaway-ca.pem");
        RunningServer server = RunningServer.start("--echo", "--count", "1", "--ca-out", ca.toString());
        assertThat(Files.readString(ca)).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(server.log()).contains("its CA is in " + ca);
        assertThat(talk(server.port, ca, "trusted")).isEqualTo("trusted");
        assertThat(server.awaitExit()).isZero();
    }

    @Test
    void wwwAnswersAnHttpRequestWithTheNegotiatedFacts() throws Exception {
        RunningServer.PemFiles pki = RunningServer.PemFiles.write(dir, DemoCertificates.create(), "");
        RunningServer server = serve(pki, "--www", "--count", "2");
        Captured run = Captured.client("", "https://localhost:" + server.port + "/status?x=1", "--trust", pki.ca().toString());
        assertThat(run.code()).as(run.err()).isZero();
        String response = run.out();
        assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").contains("Connection: close\r\n",
                "protocol:                TLSv1.2", "cipher suite:            TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                "group:                   x25519", "signature scheme:        ecdsa_secp256r1_sha256",
                "resumed:                 no (full handshake)", "SNI:                     localhost",
                "ALPN:                    http/1.1", "extended master secret:  yes", "client certificate:      (none)",
                "your request:            GET /status?x=1 HTTP/1.1");
        assertThat(server.awaitLine(1, Duration.ofSeconds(5))).contains("answered GET /status?x=1 HTTP/1.1: 200 (--www), closed; ");
        // Not HTTP: 400, and still one line.
        try (TlsSocket tls = client(server.port, pki.ca())) {
            tls.getOutputStream().write("hello\n\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = tls.getInputStream();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 400 Bad Request\r\n");
        }
        assertThat(server.awaitLine(2, Duration.ofSeconds(5))).contains("'hello': 400 (not an HTTP/1.x request)");
        assertThat(server.awaitExit()).isZero();
    }

    /** The page after one request over a jtls client with {@code config}. */
    private static String page(int port, TlsConfig config) throws Exception {
        try (TlsSocket tls = new TlsSocket(raw(port), TlsConnection.client(config, "localhost", port))) {
            tls.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return new String(tls.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void wwwSaysWhetherAndHowTheSessionWasResumed() throws Exception {
        RunningServer.PemFiles pki = RunningServer.PemFiles.write(dir, DemoCertificates.create(), "");
        RunningServer server = serve(pki, "--www", "--count", "4");
        TlsConfig tickets = TlsConfig.builder().trust(PkixTrustVerifier.webPki(TrustAnchors.fromPem(pki.ca()))).build();
        assertThat(page(server.port, tickets)).contains("resumed:                 no (full handshake)");
        assertThat(page(server.port, tickets)).contains("resumed:                 yes, by session ticket",
                "group:                   (none: a resumed session)");
        TlsConfig ids = TlsConfig.builder().trust(PkixTrustVerifier.webPki(TrustAnchors.fromPem(pki.ca())))
                .sessionTickets(false).build();
        assertThat(page(server.port, ids)).contains("resumed:                 no (full handshake)");
        assertThat(page(server.port, ids)).contains("resumed:                 yes, by session id");
        assertThat(server.awaitLine(2, Duration.ofSeconds(5))).contains("resumed (session ticket)");
        assertThat(server.awaitLine(4, Duration.ofSeconds(5))).contains("resumed (session id)");
        assertThat(server.awaitExit()).isZero();
    }
}
