package dev.jtls.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.crypto.CryptoProviders;
import dev.jtls.suite.CipherSuite;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyLogTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void lineIsTheNssKeyLogFormat() {
        byte[] random = new byte[32];
        byte[] secret = new byte[48];
        for (int i = 0; i < 48; i++) {
            secret[i] = (byte) (0xf0 + i);
            if (i < 32) {
                random[i] = (byte) i;
            }
        }
        // NSS key log format: "CLIENT_RANDOM" SP 64 lowercase hex SP 96 lowercase hex.
        assertThat(KeyLog.clientRandomLine(random, secret)).isEqualTo("CLIENT_RANDOM "
                + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f "
                + "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f"
                + "101112131415161718191a1b1c1d1e1f");
        assertThat(KeyLog.clientRandomLine(random, secret)).matches("CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}");
        assertThatThrownBy(() -> KeyLog.clientRandomLine(new byte[31], secret)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyLog.clientRandomLine(random, new byte[32])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void masterSecretLogsItsLineAndNoneLogsNothing() {
        MasterSecret ms = MasterSecret.fromSession(CryptoProviders.bouncyCastle(),
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, true, MasterSecretTest.fill(48, 9));
        byte[] random = MasterSecretTest.fill(32, 4);
        List<String> lines = new ArrayList<>();
        ms.logTo((r, s) -> lines.add(KeyLog.clientRandomLine(r, s)), random);
        assertThat(lines).containsExactly("CLIENT_RANDOM " + HEX.formatHex(random) + " "
                + HEX.formatHex(MasterSecretTest.fill(48, 9)));
        ms.logTo(KeyLog.NONE, random); // nothing to observe, nothing thrown
        assertThatThrownBy(() -> ms.logTo(KeyLog.NONE, new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fileIsCreatedOwnerOnlyAndAppendedLineByLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.log");
        byte[] secret = MasterSecretTest.fill(48, 1);
        try (FileKeyLog log = KeyLog.toFile(file)) {
            log.logMasterSecret(MasterSecretTest.fill(32, 1), secret);
            assertThat(secret).as("the sink zeroes the secret it was handed").containsOnly(0);
            // Flushed per line: visible before close.
            assertThat(Files.readAllLines(file)).hasSize(1);
            assertThat(log.lastError()).isNull();
        }
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .isEqualTo(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
        // A second log on the same file appends; it does not truncate.
        try (FileKeyLog log = KeyLog.toFile(file)) {
            log.logMasterSecret(MasterSecretTest.fill(32, 2), MasterSecretTest.fill(48, 2));
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        assertThat(lines).containsExactly(
                KeyLog.clientRandomLine(MasterSecretTest.fill(32, 1), MasterSecretTest.fill(48, 1)),
                KeyLog.clientRandomLine(MasterSecretTest.fill(32, 2), MasterSecretTest.fill(48, 2)));
    }

    @Test
    void concurrentSessionsNeverInterleave(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("concurrent.log");
        int threads = 8;
        int perThread = 200;
        try (FileKeyLog log = KeyLog.toFile(file)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        log.logMasterSecret(MasterSecretTest.fill(32, id * 1000 + i), MasterSecretTest.fill(48, i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        assertThat(lines).hasSize(threads * perThread);
        assertThat(lines).allMatch(l -> l.matches("CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}"));
        assertThat(lines).doesNotHaveDuplicates();
    }

    @Test
    void writeErrorsAreKeptNotThrown(@TempDir Path dir) throws Exception {
        FileKeyLog log = KeyLog.toFile(dir.resolve("closed.log"));
        log.close();
        log.logMasterSecret(new byte[32], new byte[48]);
        assertThat(log.lastError()).isNotNull();
        assertThat(log.toString()).contains("closed.log");
    }
}
