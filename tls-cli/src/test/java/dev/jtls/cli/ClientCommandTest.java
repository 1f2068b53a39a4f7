package dev.jtls.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jtls client}: targets as people write them, a handshake deadline, and what to do when refused. */
class ClientCommandTest {
    @TempDir
    Path dir;

    private static Captured client(String... args) {
        return Captured.client("", args);
    }

    @Test
    void targetsAsPeopleWriteThem() {
        assertThat(Target.parse("localhost:4433")).isEqualTo(new Target("localhost", 4433, null));
        assertThat(Target.parse("[::1]:4433")).isEqualTo(new Target("::1", 4433, null));
        assertThat(Target.parse("https://localhost:4479/")).isEqualTo(new Target("localhost", 4479, "/"));
        assertThat(Target.parse("https://example.com")).isEqualTo(new Target("example.com", 443, "/"));
        assertThat(Target.parse("https://[::1]:8443/a/b?c=d")).isEqualTo(new Target("::1", 8443, "/a/b?c=d"));
        assertThat(Target.parse("https://[::1]:8443/").hostHeader()).isEqualTo("[::1]:8443");
        assertThat(Target.parse("https://example.com/").hostHeader()).isEqualTo("example.com");
        assertThatThrownBy(() -> Target.parse("localhost:4479/")).hasMessage(
                "bad target 'localhost:4479/': expected HOST:PORT, [IPv6]:PORT or https://HOST[:PORT]/PATH");
        assertThatThrownBy(() -> Target.parse("localhost")).hasMessageEndingWith("(no port)");
        assertThatThrownBy(() -> Target.parse("localhost:99999")).hasMessage("bad target 'localhost:99999': '99999' is not a port (1-65535)");
        assertThatThrownBy(() -> Target.parse("::1:4433")).hasMessage("bad target '::1:4433': an IPv6 address goes in brackets: [::1]:4433");
        assertThatThrownBy(() -> Target.parse("http://localhost/")).hasMessageContaining("use https://, not http://");
        assertThatThrownBy(() -> Target.parse("https://localhost:abc/")).hasMessage(
                "bad target 'https://localhost:abc/': 'localhost:abc' is not HOST or HOST:PORT");
    }

    @Test
    void aBadTargetOrFileIsOneLine() {
        Captured r = client("https://localhost:4479x/");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("jtls client: bad target 'https://localhost:4479x/': 'localhost:4479x' is not HOST or HOST:PORT\n");
        Captured t = client("localhost:1", "--trust", dir.toString());
        assertThat(t.err()).isEqualTo("jtls client: --trust " + dir + ": is a directory, not a PEM file\n");
    }

    @Test
    void aServerThatNeverAnswersEndsAtTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            Captured r = client("127.0.0.1:" + silent.getLocalPort(), "--timeout", "700ms");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("jtls client: no handshake with the server within 700 ms (--timeout): is it a TLS server?\n");
            assertThat(ms).isBetween(600L, 5000L);
        }
    }

    @Test
    void aServerThatWantsACertificateNamesTheOptions() throws Exception {
        RunningServer.PemFiles server = RunningServer.PemFiles.write(dir, DemoCertificates.create(), "s-");
        RunningServer.PemFiles clients = RunningServer.PemFiles.write(dir, DemoCertificates.create(), "c-");
        RunningServer s = RunningServer.start("--cert", server.chain().toString(), "--key", server.key().toString(),
                "--echo", "--count", "1", "--client-auth", "need", "--trust", clients.ca().toString());
        Captured r = client("localhost:" + s.port, "--trust", server.ca().toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("jtls client: ").endsWith("; the server asked for a client certificate"
                + " (CertificateRequest) and none was given: pass one with --cert FILE --key FILE\n");
        assertThat(s.awaitExit()).isZero();
    }

    @Test
    void aPlainHttpServerIsNamed() throws Exception {
        try (ServerSocket http = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = http.accept()) {
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    s.getInputStream().read(new byte[512]);
                } catch (java.io.IOException ignored) {
                    // the client has gone
                }
            });
            t.start();
            Captured r = client("https://localhost:" + http.getLocalPort() + "/", "--timeout", "5s");
            t.join(10_000);
            assertThat(r.err()).startsWith("jtls client: record layer: the peer sent plain HTTP, not TLS (its bytes begin \"HTTP\")");
        }
    }
}
