package dev.jtls.cli;

import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import java.util.List;

/**
 * One row of {@code jtls bench}: what is measured, with which suite and group, and with which
 * server key (ECDSA P-256 or RSA 2048). Both stacks run every row the same way.
 *
 * @param group the ECDHE group both sides are held to; null for RSA key exchange
 */
record BenchCase(String label, Kind kind, CipherSuite suite, NamedGroup group, boolean rsaKey) {
    /** Plaintext per record in the bulk rows: the largest TLS record (RFC 5246 §6.2.1). */
    static final int RECORD = 16 * 1024;

    enum Kind {
        /** A new session each time: key exchange, certificate validation, signatures. */
        FULL_HANDSHAKE,
        /** The abbreviated handshake of RFC 5246 §7.3, resuming a cached session by its id. */
        RESUMED_HANDSHAKE,
        /** 16 KiB records sent one way over an established connection, sealed and opened. */
        BULK
    }

    /** One operation, checked: does the work once and returns the units it did (handshakes, or bytes). */
    interface Op {
        long run() throws Exception;
    }

    /** A TLS implementation under test. */
    interface Stack {
        String name();

        /** Sets the row up (keys, contexts, a connected pair for bulk) and returns its operation. */
        Op prepare(BenchCase row) throws Exception;
    }

    static List<BenchCase> all() {
        return List.of(
                new BenchCase("full handshake ECDHE_ECDSA P-256, AES-128-GCM", Kind.FULL_HANDSHAKE,
                        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, NamedGroup.SECP256R1, false),
                new BenchCase("full handshake ECDHE_RSA x25519, AES-128-GCM", Kind.FULL_HANDSHAKE,
                        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, NamedGroup.X25519, true),
                new BenchCase("full handshake RSA key exchange, AES-128-GCM", Kind.FULL_HANDSHAKE,
                        CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, null, true),
                new BenchCase("resumed handshake (session id)", Kind.RESUMED_HANDSHAKE,
                        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, NamedGroup.SECP256R1, false),
                new BenchCase("bulk AES-128-GCM, 16 KiB records", Kind.BULK,
                        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, NamedGroup.SECP256R1, false),
                new BenchCase("bulk ChaCha20-Poly1305, 16 KiB records", Kind.BULK,
                        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, NamedGroup.SECP256R1, false));
    }

    /** "/s" for handshakes, "MB/s" (10^6 bytes) for bulk. */
    String unit() {
        return kind == Kind.BULK ? "MB/s" : "/s";
    }

    /** Units per second as shown: handshakes per second, or 10^6 bytes per second. */
    double rate(long units, long nanos) {
        double perSecond = units * 1e9 / nanos;
        return kind == Kind.BULK ? perSecond / 1e6 : perSecond;
    }
}
