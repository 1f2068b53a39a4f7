package dev.jtls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.connection.AlpnSelector;
import dev.jtls.connection.TlsConfig;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.handshake.CipherSuite;
import dev.jtls.interop.JtlsClient.Run;
import dev.jtls.interop.JtlsServer.Data;
import dev.jtls.interop.JtlsServer.Result;
import dev.jtls.pki.PinnedTrustVerifier;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** jtls client against s_server: the key log compared with OpenSSL's, and the 64 MiB transfer each way. */
class OpenSslServerFeaturesTest {
    static final Matrix MATRIX = new Matrix("openssl-4-features-jtls-client",
            "OpenSSL: other checks, jtls client → openssl s_server", "Each line was checked on both sides.");
    static final CipherSuite SUITE = OpenSslFeaturesTest.SUITE;
    static final String SUITE_NAME = OpenSslFeaturesTest.SUITE_NAME;
    static final int BIG = OpenSslFeaturesTest.BIG;

    @AfterAll
    static void write() {
        MATRIX.write();
    }

    static void checked(String name, Cells.Check check) throws Exception {
        MATRIX.checked(name, check);
    }

    @Test
    void keyLogFileMatchesOpenSsl() throws Exception {
        checked("key log: jtls client's KeyLog (CLIENT_RANDOM line) vs s_server -keylogfile: same CLIENT_RANDOM line", () -> {
            Path ours = Peer.workDir().resolve("features-jtls-keylog.txt");
            Path theirs = Peer.workDir().resolve("features-openssl-keylog.txt");
            Files.deleteIfExists(ours);
            Files.deleteIfExists(theirs);
            try (OpenSsl.Server s = OpenSsl.server("s_server -www -keylogfile", Interop.concat(
                    OpenSslServerTest.serverArgs(SUITE, SUITE_NAME, NamedGroup.X25519), "-www", "-keylogfile",
                    theirs.toString()));
                 ) {
                JtlsClient.MemoryKeyLog log = new JtlsClient.MemoryKeyLog();
                TlsConfig config = JtlsClient.config(SUITE, NamedGroup.X25519).keyLog(log).build();
                Run run = JtlsClient.connect(config, "localhost", s.port(), JtlsClient.httpGet(new StringBuilder()));
                if (!run.ok()) {
                    throw new AssertionError("jtls client: " + run.failure() + " / " + run.error() + "\n"
                            + s.peer().describe());
                }
                List<String> mine = log.lines;
                assertThat(mine).hasSize(1);
                assertThat(mine.get(0)).matches("CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}");
                assertThat(Files.readAllLines(theirs).stream().filter(l -> l.startsWith("CLIENT_RANDOM ")).toList())
                        .containsExactlyElementsOf(mine);
            }
        });
    }

    @Test
    void bigTransferJtlsClient() throws Exception {
        long start = System.nanoTime();
        String what = (BIG >> 20) + " MiB each way, jtls client <-> s_server -brief (" + SUITE.standardName() + ", x25519)";
        checked(what, () -> {
            try (OpenSsl.Server s = OpenSsl.quietServer("s_server -brief", OpenSslServerTest.serverArgs(SUITE, SUITE_NAME,
                    NamedGroup.X25519))) {
                byte[] up = Data.random(BIG, 1);
                byte[] down = Data.random(BIG, 2);
                byte[] got = new byte[BIG];
                Run run = JtlsClient.connect(JtlsClient.config(SUITE, NamedGroup.X25519).build(), "localhost", s.port(),
                        tls -> {
                            // Many small writes first, then one large one.
                            for (int i = 0; i < 1024; i++) {
                                tls.getOutputStream().write(up, i * 100, 100);
                            }
                            tls.getOutputStream().write(up, 102_400, up.length - 102_400);
                            s.peer().awaitStdoutLength(up.length, Duration.ofMinutes(2));
                            s.peer().feedStdin(down, false);
                            InputStream in = tls.getInputStream();
                            assertThat(in.readNBytes(got, 0, got.length)).isEqualTo(got.length);
                        });
                run.assertOk();
                assertThat(Data.sha256(s.peer().stdoutBytes())).as("SHA-256 at s_server").isEqualTo(Data.sha256(up));
                assertThat(Data.sha256(got)).as("SHA-256 at jtls").isEqualTo(Data.sha256(down));
            }
        });
        MATRIX.note(what + ": " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

}
