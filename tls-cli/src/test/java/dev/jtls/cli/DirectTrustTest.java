package dev.jtls.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A self-signed server certificate made as people make them, `openssl req -x509 -subj /CN=localhost
 * -addext subjectAltName=DNS:localhost` (basicConstraints CA:TRUE, no EKU), served by `openssl
 * s_server` and trusted directly with `jtls client --trust cert.pem`, through jtls's own sockets and
 * through the JSSE provider's trust manager.
 */
class DirectTrustTest {
    private static final String OPENSSL = "openssl";

    @Test
    void aSelfSignedOpensslCertificateInTrustIsAcceptedForItsName() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "direct-trust"));
        run(dir, OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "key.pem", "-out", "cert.pem", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost");
        for (List<String> extra : List.of(List.<String>of(), List.of("--provider", "jtls"))) {
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            Process server = new ProcessBuilder(OPENSSL, "s_server", "-tls1_2", "-accept", "127.0.0.1:" + port,
                    "-naccept", "2", "-cert", "cert.pem", "-key", "key.pem", "-quiet")
                    .directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("s_server.log").toFile()).start();
            try {
                awaitAccepting(port); // one of the two accepts
                List<String> args = new ArrayList<>(List.of("127.0.0.1:" + port, "--sni", "localhost", "--trust",
                        dir.resolve("cert.pem").toString(), "--wait", "300"));
                args.addAll(extra);
                String[] result = client("hello\n", args);
                assertThat(result[0]).as(result[1]).isEqualTo("0");
                assertThat(result[1]).contains("connected to 127.0.0.1:" + port);
            } finally {
                server.destroy();
            }
        }
    }

    private static String[] client(String input, List<String> args) {
        ClientCommand c = new ClientCommand();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        c.in = new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8));
        c.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        c.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = new CommandLine(c).execute(args.toArray(new String[0]));
        return new String[] {Integer.toString(code), err.toString(StandardCharsets.UTF_8)};
    }

    private static void run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("the peer '" + cmd[0] + "' is needed for this test and cannot be started: " + e, e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
    }

    private static void awaitAccepting(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("openssl s_server did not listen on " + port + " within 15 s");
    }
}
