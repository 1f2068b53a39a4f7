package dev.jtls.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code jtls server} and {@code jtls client} over loopback, with PEM files written here. */
class ClientServerTest {
    @TempDir
    Path dir;

    private static PrintStream stream(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }

    private static Captured client(String input, String... args) {
        return Captured.client(input, args);
    }

    private Path pem(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.US_ASCII);
        return p;
    }

    @Test
    void clientAndServerTalkWithClientAuthAlpnAndKeyLog() throws Exception {
        DemoCertificates serverPki = DemoCertificates.create();
        DemoCertificates clientPki = DemoCertificates.create();
        Path serverChain = pem("server.pem", Pem.encode("CERTIFICATE", serverPki.server.leaf().getEncoded())
                + Pem.encode("CERTIFICATE", serverPki.ca.getEncoded()));
        Path serverKey = pem("server.key", Pem.encode("PRIVATE KEY", serverPki.server.privateKey().getEncoded()));
        Path serverCa = pem("server-ca.pem", Pem.encode("CERTIFICATE", serverPki.ca.getEncoded()));
        Path clientChain = pem("client.pem", Pem.encode("CERTIFICATE", clientPki.server.leaf().getEncoded()));
        Path clientKey = pem("client.key", Pem.encode("PRIVATE KEY", clientPki.server.privateKey().getEncoded()));
        Path clientCa = pem("client-ca.pem", Pem.encode("CERTIFICATE", clientPki.ca.getEncoded()));
        Path keyLog = dir.resolve("keys.log");

        ServerCommand server = new ServerCommand();
        ByteArrayOutputStream serverOut = new ByteArrayOutputStream();
        server.out = stream(serverOut);
        server.err = server.out;
        CompletableFuture<Integer> port = new CompletableFuture<>();
        server.onListening = port::complete;
        CompletableFuture<Integer> serverExit = CompletableFuture.supplyAsync(() -> new CommandLine(server).execute(
                "--port", "0", "--cert", serverChain.toString(), "--key", serverKey.toString(), "--echo",
                "--alpn", "echo/1", "--client-auth", "need", "--trust", clientCa.toString(), "--count", "3",
                "--idle-timeout", "10s"));
        int p = port.get(20, TimeUnit.SECONDS);

        // 1: SNI localhost, ALPN, client certificate, ladder and key log.
        Captured first = client("hello jtls\nsecond line\n", "127.0.0.1:" + p, "--sni", "localhost", "--trust",
                serverCa.toString(), "--alpn", "echo/1", "--cert", clientChain.toString(), "--key", clientKey.toString(),
                "--keylog", keyLog.toString(), "--ladder", "--wait", "300");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("hello jtls\nsecond line\n");
        assertThat(first.err()).contains("jtls client: connected to 127.0.0.1:" + p, "ALPN echo/1")
                .containsSubsequence("client --> server  ClientHello", "SNI localhost", "ALPN echo/1",
                        "verification", "ok:", "client <-- server  CertificateRequest",
                        "client --> server  Certificate", "client --> server  CertificateVerify",
                        "client --> server  Finished", "client <-- server  Finished");
        assertThat(Files.readString(keyLog)).startsWith("CLIENT_RANDOM ");

        // 2: no --sni: the address is checked against the certificate's IP entry; suite and group chosen.
        Captured second = client("ping\n", "127.0.0.1:" + p, "--trust", serverCa.toString(), "--cert",
                clientChain.toString(), "--key", clientKey.toString(), "--alpn", "echo/1",
                "--suite", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "--group", "secp256r1", "--wait", "300");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(second.out()).isEqualTo("ping\n");
        assertThat(second.err()).contains("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");

        // 3: a client that trusts another CA refuses the server in one line, exit 1.
        Captured refused = client("x\n", "127.0.0.1:" + p, "--sni", "localhost", "--trust", clientCa.toString(),
                "--alpn", "echo/1", "--wait", "300");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err().strip()).startsWith("jtls client: ").contains("CN=jtls demo CA").doesNotContain("\n");

        assertThat(serverExit.get(20, TimeUnit.SECONDS)).isZero();
        String log = serverOut.toString(StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(log.lines().toList());
        assertThat(lines.get(0)).isEqualTo("jtls server listening on 127.0.0.1:" + p);
        // One line per connection, in the order they ended (connections are served side by side).
        assertThat(line(log, 1)).contains("closed by the client (close_notify); ",
                "full handshake, SNI localhost, ALPN echo/1, client certificate 'CN=localhost'").endsWith(" ms");
        assertThat(line(log, 2)).contains("closed by the client (close_notify); TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, secp256r1");
        assertThat(line(log, 3)).contains(": failed: peer aborted: it sent a fatal ", " alert (the client refused this"
                + " server's certificate: does it trust the CA, and does --cert name the host it dialled?)");
    }

    /** The log line of connection {@code n}. */
    static String line(String log, int n) {
        return log.lines().filter(l -> l.startsWith("connection " + n + " from ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for connection " + n + " in:\n" + log));
    }

    /** A server on a free port with the demo PKI of {@code pki}, echoing, for {@code count} connections. */
    private record Server(int port, CompletableFuture<Integer> exit, ByteArrayOutputStream log) {
        String output() {
            return log.toString(StandardCharsets.UTF_8);
        }
    }

    private Server server(DemoCertificates pki, int count, String... extra) throws Exception {
        Path chain = pem("chain.pem", Pem.encode("CERTIFICATE", pki.server.leaf().getEncoded())
                + Pem.encode("CERTIFICATE", pki.ca.getEncoded()));
        Path key = pem("server.key", Pem.encode("PRIVATE KEY", pki.server.privateKey().getEncoded()));
        ServerCommand server = new ServerCommand();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        server.out = stream(log);
        server.err = server.out;
        CompletableFuture<Integer> port = new CompletableFuture<>();
        server.onListening = port::complete;
        List<String> args = new ArrayList<>(List.of("--port", "0", "--cert", chain.toString(), "--key", key.toString(),
                "--echo", "--count", String.valueOf(count), "--idle-timeout", "10s"));
        args.addAll(List.of(extra));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> new CommandLine(server).execute(args.toArray(new String[0])));
        return new Server(port.get(20, TimeUnit.SECONDS), exit, log);
    }

    @Test
    void clientThroughTheJtlsProviderTalksToTheDirectServer() throws Exception {
        DemoCertificates pki = DemoCertificates.create();
        DemoCertificates clientPki = DemoCertificates.create();
        Path clientCa = pem("client-ca.pem", Pem.encode("CERTIFICATE", clientPki.ca.getEncoded()));
        Path clientChain = pem("client.pem", Pem.encode("CERTIFICATE", clientPki.server.leaf().getEncoded()));
        Path clientKey = pem("client.key", Pem.encode("PRIVATE KEY", clientPki.server.privateKey().getEncoded()));
        Server server = server(pki, 1, "--alpn", "echo/1", "--client-auth", "need", "--trust", clientCa.toString());
        Path ca = pem("ca.pem", Pem.encode("CERTIFICATE", pki.ca.getEncoded()));
        Captured run = client("over the jtls provider\n", "127.0.0.1:" + server.port(), "--provider", "jtls", "--sni",
                "localhost", "--trust", ca.toString(), "--alpn", "echo/1", "--cert", clientChain.toString(),
                "--key", clientKey.toString(), "--suite", "tls_ecdhe_ecdsa_with_chacha20_poly1305_sha256", "--wait", "300");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("over the jtls provider\n");
        assertThat(run.err()).contains("connected to 127.0.0.1:" + server.port()
                + ", provider jtls, TLSv1.2, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, ALPN echo/1");
        assertThat(server.exit().get(20, TimeUnit.SECONDS)).isZero();
        assertThat(server.output()).contains("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "SNI localhost",
                "ALPN echo/1", "client certificate 'CN=localhost'", "closed by the client (close_notify)");
    }

    @Test
    void theJtlsProviderClientRefusesACertificateForAnotherHost() throws Exception {
        DemoCertificates pki = DemoCertificates.create();
        Server server = server(pki, 1);
        Path ca = pem("ca.pem", Pem.encode("CERTIFICATE", pki.ca.getEncoded()));
        Captured run = client("x\n", "127.0.0.1:" + server.port(), "--provider", "jtls", "--sni", "example.com",
                "--trust", ca.toString(), "--wait", "300");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(server.exit().get(20, TimeUnit.SECONDS)).isZero();
        assertThat(line(server.output(), 1)).contains("failed:");
    }

    @Test
    void directClientTalksToServersOnTheJtlsAndSunProviders() throws Exception {
        for (String provider : List.of("jtls", "SunJSSE")) {
            DemoCertificates pki = DemoCertificates.create();
            DemoCertificates clientPki = DemoCertificates.create();
            Path clientCa = pem("client-ca.pem", Pem.encode("CERTIFICATE", clientPki.ca.getEncoded()));
            Server server = server(pki, 1, "--provider", provider, "--alpn", "echo/1", "--client-auth", "need",
                    "--trust", clientCa.toString());
            Path ca = pem("ca.pem", Pem.encode("CERTIFICATE", pki.ca.getEncoded()));
            Path clientChain = pem("client.pem", Pem.encode("CERTIFICATE", clientPki.server.leaf().getEncoded()));
            Path clientKey = pem("client.key", Pem.encode("PRIVATE KEY", clientPki.server.privateKey().getEncoded()));
            Captured run = client("to " + provider + "\n", "127.0.0.1:" + server.port(), "--sni", "localhost",
                    "--trust", ca.toString(), "--alpn", "echo/1", "--cert", clientChain.toString(),
                    "--key", clientKey.toString(), "--wait", "300");
            assertThat(run.code()).as(provider + ": " + run.err()).isZero();
            assertThat(run.out()).isEqualTo("to " + provider + "\n");
            assertThat(run.err()).contains("ALPN echo/1");
            assertThat(server.exit().get(20, TimeUnit.SECONDS)).isZero();
            assertThat(server.output()).contains("(provider " + provider + ")",
                    "; provider " + provider + ", TLSv1.2, TLS_ECDHE_ECDSA_WITH_", "ALPN echo/1", "SNI localhost",
                    "client certificate 'CN=localhost'", "closed by the client (close_notify)");
        }
    }

    /** --no-encrypt-then-mac: off on either side, CBC records are MAC-then-encrypt; on both (the default), RFC 7366's. */
    @Test
    void noEncryptThenMacOnEitherSideGivesMacThenEncrypt() throws Exception {
        String cbc = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA";
        for (boolean serverOff : new boolean[] {false, true}) {
            DemoCertificates pki = DemoCertificates.create();
            Server server = serverOff ? server(pki, 2, "--no-encrypt-then-mac") : server(pki, 2);
            Path ca = pem("ca.pem", Pem.encode("CERTIFICATE", pki.ca.getEncoded()));
            Captured on = client("etm\n", "127.0.0.1:" + server.port(), "--sni", "localhost", "--trust", ca.toString(),
                    "--suite", cbc, "--wait", "300");
            Captured off = client("mte\n", "127.0.0.1:" + server.port(), "--sni", "localhost", "--trust", ca.toString(),
                    "--suite", cbc, "--no-encrypt-then-mac", "--wait", "300");
            assertThat(on.code()).as(on.err()).isZero();
            assertThat(off.code()).as(off.err()).isZero();
            assertThat(on.out()).isEqualTo("etm\n");
            assertThat(off.out()).isEqualTo("mte\n");
            assertThat(on.err()).contains(cbc + (serverOff ? ", MAC-then-encrypt" : ", encrypt-then-MAC"));
            assertThat(off.err()).contains(cbc + ", MAC-then-encrypt");
            assertThat(server.exit().get(20, TimeUnit.SECONDS)).isZero();
            assertThat(line(server.output(), 1)).contains(serverOff ? "MAC-then-encrypt" : "encrypt-then-MAC");
            assertThat(line(server.output(), 2)).contains("MAC-then-encrypt");
        }
        Captured jsse = client("", "127.0.0.1:1", "--provider", "SunJSSE", "--no-encrypt-then-mac");
        assertThat(jsse.err()).contains("--no-encrypt-then-mac work only without --provider");
    }

    @Test
    void anUnknownProviderIsRefusedWithTheAvailableNames() {
        Captured r = client("", "127.0.0.1:1", "--provider", "NoSuchTls");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("jtls client: unknown provider 'NoSuchTls'; available: jtls, SunJSSE"
                + " (or no --provider: jtls's own sockets)");
        Captured s = Captured.run("server", "--port", "0", "--provider", "nope", "--count", "1");
        assertThat(s.code()).isEqualTo(1);
        assertThat(s.err()).contains("jtls server: unknown provider 'nope'; available: jtls, SunJSSE");
        Captured ladder = client("", "127.0.0.1:1", "--provider", "SunJSSE", "--ladder", "--group", "x25519");
        assertThat(ladder.err()).contains("--group, --ladder work only without --provider");
    }

    @Test
    void badOptionsEndInOneLineAndExitOne() {
        Captured r = client("", "127.0.0.1:1", "--suite", "TLS_NULL_WITH_NULL_NULL", "--trust", "/nonexistent.pem");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("jtls client: ").doesNotContain("\n");
        Captured s = client("", "127.0.0.1:1", "--group", "ffdhe2048", "--trust", "/nonexistent.pem");
        assertThat(s.code()).isEqualTo(1);
    }
}
