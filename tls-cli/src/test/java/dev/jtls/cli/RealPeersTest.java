package dev.jtls.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jtls server} against the tools people try it with first: curl on --www, openssl s_client
 * -tls1_3. Each tool runs as a process with a time limit and is stopped by its pid; a missing tool
 * fails the test with a message saying so.
 */
class RealPeersTest {
    @TempDir
    Path dir;

    private record Finished(int code, String out, String err) {
    }

    /** Runs {@code command} to its end (at most 20 s; then it is destroyed by pid) with empty standard input. */
    private Finished run(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError(command[0] + " is needed for this test and cannot be run (" + e.getMessage()
                    + "); install it (e.g. apt-get install curl openssl)", e);
        }
        p.getOutputStream().close();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", command) + " did not finish within 20 s");
            }
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        return new Finished(p.exitValue(), java.nio.file.Files.readString(dir.resolve("out.txt"), StandardCharsets.ISO_8859_1),
                java.nio.file.Files.readString(dir.resolve("err.txt"), StandardCharsets.ISO_8859_1));
    }

    @Test
    void curlGetsTheWwwPageAndOpensslTls13GetsOneLine() throws Exception {
        Path ca = dir.resolve("ca.pem");
        RunningServer server = RunningServer.start("--www", "--ca-out", ca.toString(), "--count", "3");
        String url = "https://localhost:" + server.port + "/";
        Finished curl = run("curl", "-sS", "--max-time", "10", "--cacert", ca.toString(), url);
        assertThat(curl.code()).as(curl.err()).isZero();
        assertThat(curl.out()).contains("protocol:                TLSv1.2", "cipher suite:            TLS_ECDHE_ECDSA_WITH_",
                "SNI:                     localhost", "ALPN:                    http/1.1", "your request:            GET / HTTP/1.1");
        assertThat(server.awaitLine(1, Duration.ofSeconds(5))).contains("answered GET / HTTP/1.1: 200 (--www), closed");

        Finished tls13 = run("openssl", "s_client", "-connect", "127.0.0.1:" + server.port, "-tls1_3");
        assertThat(tls13.code()).isNotZero();
        assertThat(tls13.err()).contains("alert protocol version");
        assertThat(server.awaitLine(2, Duration.ofSeconds(5))).contains(
                ": failed: peer incompatible: the client offers only TLS 1.3 (supported_versions [TLSv1.3]); this server speaks TLS 1.2 only; ");

        // The server goes on serving: curl again, with keep-alive asked for and Connection: close answered.
        Finished again = run("curl", "-sS", "-i", "--max-time", "10", "--cacert", ca.toString(), url);
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).startsWith("HTTP/1.1 200 OK").contains("Connection: close");
        assertThat(server.awaitExit()).isZero();
        List<String> lines = new ArrayList<>(server.log().lines().filter(l -> l.startsWith("connection ")).toList());
        assertThat(lines).hasSize(3);
    }
}
