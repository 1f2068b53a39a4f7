package dev.jtls.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code jtls server --strict-sni --strict-alpn --profile modern} against {@code jtls client} over loopback. */
class StrictServerOptionsTest {
    @TempDir
    Path dir;

    private static PrintStream stream(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }

    /** Runs {@code jtls client} with {@code args}; returns its exit code. */
    private static int client(String... args) {
        ClientCommand c = new ClientCommand();
        c.in = new ByteArrayInputStream("hi\n".getBytes(StandardCharsets.UTF_8));
        c.out = stream(new ByteArrayOutputStream());
        c.err = c.out;
        return new CommandLine(c).execute(args);
    }

    /** Serves {@code clients.size()} connections with {@code options}, runs each client, returns the server's log. */
    private String serve(List<String> options, List<List<String>> clients, List<Integer> expectedCodes) throws Exception {
        RunningServer.PemFiles files = RunningServer.PemFiles.write(dir, DemoCertificates.create(), "");
        Path ca = files.ca();
        List<String> args = new ArrayList<>(List.of("--cert", files.chain().toString(), "--key", files.key().toString(),
                "--echo", "--count", String.valueOf(clients.size()), "--idle-timeout", "10s"));
        args.addAll(options);
        RunningServer server = RunningServer.start(args.toArray(new String[0]));
        int p = server.port;
        for (int i = 0; i < clients.size(); i++) {
            List<String> c = new ArrayList<>(List.of("127.0.0.1:" + p, "--trust", ca.toString(), "--wait", "300"));
            c.addAll(clients.get(i));
            assertThat(client(c.toArray(new String[0]))).as("client " + i + " " + clients.get(i)).isEqualTo(expectedCodes.get(i));
        }
        assertThat(server.exit.get(20, TimeUnit.SECONDS)).isZero();
        return server.log();
    }

    @Test
    void strictSniAndStrictAlpnRefuseWhatTheServerDoesNotServe() throws Exception {
        String log = serve(List.of("--strict-sni", "--strict-alpn", "--alpn", "echo/1"), List.of(
                List.of("--sni", "localhost", "--alpn", "echo/1"),
                List.of("--sni", "other.example", "--alpn", "echo/1"),
                List.of("--sni", "localhost", "--alpn", "imap")), List.of(0, 1, 1));
        assertThat(log).containsSubsequence("connection 1 from", "ALPN echo/1",
                "connection 2 from", "failed:", "other.example",
                "connection 3 from", "failed:", "imap");
    }

    @Test
    void theModernProfileServesOnlyEcdheWithAead() throws Exception {
        String log = serve(List.of("--profile", "modern"), List.of(
                List.of("--sni", "localhost"),
                List.of("--sni", "localhost", "--suite", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256")), List.of(0, 1));
        assertThat(log).containsSubsequence("connection 1 from", "_GCM_", "connection 2 from", "failed:");
    }

    @Test
    void anUnknownProfileIsRefused() {
        Captured s = Captured.run("server", "--port", "0", "--profile", "paranoid", "--count", "1");
        assertThat(s.code()).isEqualTo(1);
        assertThat(s.err()).contains("--profile is compatible or modern, not 'paranoid'");
    }
}
