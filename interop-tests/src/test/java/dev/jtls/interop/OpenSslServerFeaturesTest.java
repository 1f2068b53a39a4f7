package dev.jtls.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.AlpnSelector;
import dev.jtls.config.TlsConfig;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.FileKeyLog;
import dev.jtls.handshake.KeyLog;
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
            "OpenSSL: key log files (both roles), 64 MiB jtls client → s_server", "Each line was checked on both sides.");
    static final CipherSuite SUITE = OpenSslFeaturesTest.SUITE;
    static final String SUITE_NAME = OpenSslFeaturesTest.SUITE_NAME;
    static final int BIG = OpenSslFeaturesTest.BIG;

    @BeforeAll
    static void begin() {
        MATRIX.begin();
    }

    @AfterAll
    static void write() {
        MATRIX.write();
    }

    static void checked(String name, Cells.Check check) throws Exception {
        MATRIX.checked(name, check);
    }

    @Test
    void keyLogFileMatchesOpenSsl() throws Exception {
        checked("key log: jtls client's key log file (KeyLog.toFile, the NSS format) vs s_server -keylogfile: the same "
                + "CLIENT_RANDOM line, and its master secret equals s_server's `Master-Key:`", () -> {
            Path ours = Peer.workDir().resolve("features-jtls-client-keylog.txt");
            Path theirs = Peer.workDir().resolve("features-openssl-server-keylog.txt");
            Files.deleteIfExists(ours);
            Files.deleteIfExists(theirs);
            try (OpenSsl.Server s = OpenSsl.server("s_server -www -keylogfile", Interop.concat(
                    OpenSslServerTest.serverArgs(SUITE, SUITE_NAME, NamedGroup.X25519), "-www", "-keylogfile",
                    theirs.toString()));
                 FileKeyLog file = KeyLog.toFile(ours)) {
                TlsConfig config = JtlsClient.config(SUITE, NamedGroup.X25519).keyLog(file).build();
                StringBuilder page = new StringBuilder();
                Run run = JtlsClient.connect(config, "localhost", s.port(), JtlsClient.httpGet(page));
                if (!run.ok()) {
                    throw new AssertionError("jtls client: " + run.failure() + " / " + run.error() + "\n"
                            + s.peer().describe());
                }
                file.close();
                assertThat(file.lastError()).isNull();
                List<String> mine = Files.readAllLines(ours);
                assertThat(mine).hasSize(1);
                assertThat(mine.get(0)).matches("CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}");
                assertThat(Files.readAllLines(theirs).stream().filter(l -> l.startsWith("CLIENT_RANDOM ")).toList())
                        .containsExactlyElementsOf(mine);
                java.util.regex.Matcher m = Pattern.compile("Master-Key: ([0-9A-F]{96})").matcher(page);
                assertThat(m.find()).as(page.toString()).isTrue();
                assertThat(mine.get(0)).endsWith(" " + m.group(1).toLowerCase(java.util.Locale.ROOT));
            }
        });
    }

    @Test
    void keyLogFileMatchesOpenSslClient() throws Exception {
        OpenSslFeaturesTest.keyLogJtlsServer(MATRIX);
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
