package dev.jtls.handshake;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where session secrets go for debugging with Wireshark and friends: the NSS key log format
 * (SSLKEYLOGFILE), one {@code CLIENT_RANDOM <64 hex client random> <96 hex master secret>} line per
 * session. This is the only way key material leaves jtls, and it is off ({@link #NONE}) unless the
 * configuration names a sink.
 *
 * <p>Implementations must be thread-safe: one configuration, and so one key log, serves many
 * connections. They must not throw: a failing key log must not break a handshake.
 */
public interface KeyLog {
    /** Logs nothing. */
    KeyLog NONE = (clientRandom, masterSecret) -> { };

    /**
     * Records one session's master secret. Both arrays are the callee's to keep or zero.
     *
     * @param clientRandom the 32-byte ClientHello.random
     * @param masterSecret the 48-byte master secret
     */
    void logMasterSecret(byte[] clientRandom, byte[] masterSecret);

    /** Appends to the file (created owner-only where POSIX permissions exist); see {@link FileKeyLog}. */
    static FileKeyLog toFile(Path file) throws IOException {
        return new FileKeyLog(file);
    }

    /** The NSS key log line for a TLS 1.2 session, without the line terminator. */
    static String clientRandomLine(byte[] clientRandom, byte[] masterSecret) {
        if (clientRandom.length != MasterSecret.RANDOM_LENGTH || masterSecret.length != MasterSecret.LENGTH) {
            throw new IllegalArgumentException("CLIENT_RANDOM takes a 32-byte random and a 48-byte secret");
        }
        StringBuilder sb = new StringBuilder(14 + 64 + 1 + 96);
        sb.append("CLIENT_RANDOM ");
        hex(sb, clientRandom);
        sb.append(' ');
        hex(sb, masterSecret);
        return sb.toString();
    }

    private static void hex(StringBuilder sb, byte[] bytes) {
        final String digits = "0123456789abcdef";
        for (byte b : bytes) {
            sb.append(digits.charAt((b >> 4) & 0xf)).append(digits.charAt(b & 0xf));
        }
    }
}
