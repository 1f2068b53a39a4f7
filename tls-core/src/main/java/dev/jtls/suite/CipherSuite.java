package dev.jtls.suite;

import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.crypto.CbcAlgorithm;
import dev.jtls.crypto.HashAlgorithm;
import java.util.List;

/**
 * The cipher suites jtls supports, as data (a table that configurations filter): each suite's key
 * exchange, how the
 * server authenticates, its record protection and its PRF hash. The declaration order is jtls's
 * default preference: ECDHE with AEAD first; CBC and RSA key exchange are supported but last.
 */
public enum CipherSuite {
    // RFC 5289 §3.2, RFC 7905 §2: ECDHE with AEAD
    TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256(0xc02b, KeyExchange.ECDHE, Authentication.ECDSA,
            Protection.aead(AeadAlgorithm.AES_128_GCM), HashAlgorithm.SHA256),
    TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256(0xc02f, KeyExchange.ECDHE, Authentication.RSA,
            Protection.aead(AeadAlgorithm.AES_128_GCM), HashAlgorithm.SHA256),
    TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384(0xc02c, KeyExchange.ECDHE, Authentication.ECDSA,
            Protection.aead(AeadAlgorithm.AES_256_GCM), HashAlgorithm.SHA384),
    TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384(0xc030, KeyExchange.ECDHE, Authentication.RSA,
            Protection.aead(AeadAlgorithm.AES_256_GCM), HashAlgorithm.SHA384),
    TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256(0xcca9, KeyExchange.ECDHE, Authentication.ECDSA,
            Protection.aead(AeadAlgorithm.CHACHA20_POLY1305), HashAlgorithm.SHA256),
    TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256(0xcca8, KeyExchange.ECDHE, Authentication.RSA,
            Protection.aead(AeadAlgorithm.CHACHA20_POLY1305), HashAlgorithm.SHA256),

    // RFC 5289 §3.1 and RFC 8422 §6: ECDHE with CBC
    TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256(0xc023, KeyExchange.ECDHE, Authentication.ECDSA,
            Protection.cbc(CbcAlgorithm.AES_128_CBC, HashAlgorithm.SHA256), HashAlgorithm.SHA256),
    TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256(0xc027, KeyExchange.ECDHE, Authentication.RSA,
            Protection.cbc(CbcAlgorithm.AES_128_CBC, HashAlgorithm.SHA256), HashAlgorithm.SHA256),
    TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384(0xc024, KeyExchange.ECDHE, Authentication.ECDSA,
            Protection.cbc(CbcAlgorithm.AES_256_CBC, HashAlgorithm.SHA384), HashAlgorithm.SHA384),
    TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384(0xc028, KeyExchange.ECDHE, Authentication.RSA,
            Protection.cbc(CbcAlgorithm.AES_256_CBC, HashAlgorithm.SHA384), HashAlgorithm.SHA384),
    TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA(0xc009, KeyExchange.ECDHE, Authentication.ECDSA,
            Protection.cbc(CbcAlgorithm.AES_128_CBC, HashAlgorithm.SHA1), HashAlgorithm.SHA256),
    TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA(0xc013, KeyExchange.ECDHE, Authentication.RSA,
            Protection.cbc(CbcAlgorithm.AES_128_CBC, HashAlgorithm.SHA1), HashAlgorithm.SHA256),
    TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA(0xc00a, KeyExchange.ECDHE, Authentication.ECDSA,
            Protection.cbc(CbcAlgorithm.AES_256_CBC, HashAlgorithm.SHA1), HashAlgorithm.SHA256),
    TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA(0xc014, KeyExchange.ECDHE, Authentication.RSA,
            Protection.cbc(CbcAlgorithm.AES_256_CBC, HashAlgorithm.SHA1), HashAlgorithm.SHA256),

    // RFC 5288 §3 and RFC 5246 Appendix A.5: RSA key exchange (no forward secrecy), last
    TLS_RSA_WITH_AES_128_GCM_SHA256(0x009c, KeyExchange.RSA, Authentication.RSA,
            Protection.aead(AeadAlgorithm.AES_128_GCM), HashAlgorithm.SHA256),
    TLS_RSA_WITH_AES_256_GCM_SHA384(0x009d, KeyExchange.RSA, Authentication.RSA,
            Protection.aead(AeadAlgorithm.AES_256_GCM), HashAlgorithm.SHA384),
    TLS_RSA_WITH_AES_128_CBC_SHA256(0x003c, KeyExchange.RSA, Authentication.RSA,
            Protection.cbc(CbcAlgorithm.AES_128_CBC, HashAlgorithm.SHA256), HashAlgorithm.SHA256),
    TLS_RSA_WITH_AES_256_CBC_SHA256(0x003d, KeyExchange.RSA, Authentication.RSA,
            Protection.cbc(CbcAlgorithm.AES_256_CBC, HashAlgorithm.SHA256), HashAlgorithm.SHA256),
    TLS_RSA_WITH_AES_128_CBC_SHA(0x002f, KeyExchange.RSA, Authentication.RSA,
            Protection.cbc(CbcAlgorithm.AES_128_CBC, HashAlgorithm.SHA1), HashAlgorithm.SHA256),
    TLS_RSA_WITH_AES_256_CBC_SHA(0x0035, KeyExchange.RSA, Authentication.RSA,
            Protection.cbc(CbcAlgorithm.AES_256_CBC, HashAlgorithm.SHA1), HashAlgorithm.SHA256);

    /** How the premaster secret is agreed. */
    public enum KeyExchange { ECDHE, RSA }

    /** The server certificate's key type. */
    public enum Authentication { ECDSA, RSA }

    /** Record protection: an AEAD, or CBC with an HMAC. */
    public sealed interface Protection permits Aead, Cbc {
        static Protection aead(AeadAlgorithm algorithm) {
            return new Aead(algorithm);
        }

        static Protection cbc(CbcAlgorithm algorithm, HashAlgorithm mac) {
            return new Cbc(algorithm, mac);
        }

        /** Bytes of encryption key per direction in the key block (RFC 5246 §6.3). */
        int keyLength();

        /** Bytes of MAC key per direction in the key block; 0 for AEAD. */
        int macKeyLength();

        /** Bytes of fixed (implicit) IV per direction in the key block. */
        int fixedIvLength();
    }

    /**
     * AEAD protection. AES-GCM takes a 4-byte salt from the key block (RFC 5288 §3);
     * ChaCha20-Poly1305 a 12-byte IV (RFC 7905 §2).
     */
    public record Aead(AeadAlgorithm algorithm) implements Protection {
        @Override
        public int keyLength() {
            return algorithm.keyLength();
        }

        @Override
        public int macKeyLength() {
            return 0;
        }

        @Override
        public int fixedIvLength() {
            return algorithm == AeadAlgorithm.CHACHA20_POLY1305 ? AeadAlgorithm.NONCE_LENGTH : 4;
        }
    }

    /** CBC with HMAC; the IV is explicit in every record (RFC 5246 §6.2.3.2), so none in the key block. */
    public record Cbc(CbcAlgorithm algorithm, HashAlgorithm mac) implements Protection {
        @Override
        public int keyLength() {
            return algorithm.keyLength();
        }

        @Override
        public int macKeyLength() {
            return mac.outputLength();
        }

        @Override
        public int fixedIvLength() {
            return 0;
        }
    }

    private final int code;
    private final KeyExchange keyExchange;
    private final Authentication authentication;
    private final Protection protection;
    private final HashAlgorithm prfHash;

    CipherSuite(int code, KeyExchange keyExchange, Authentication authentication, Protection protection,
                HashAlgorithm prfHash) {
        this.code = code;
        this.keyExchange = keyExchange;
        this.authentication = authentication;
        this.protection = protection;
        this.prfHash = prfHash;
    }

    /** The suite's code point on the wire. */
    public int code() {
        return code;
    }

    public KeyExchange keyExchange() {
        return keyExchange;
    }

    public Authentication authentication() {
        return authentication;
    }

    public Protection protection() {
        return protection;
    }

    /** The PRF hash (RFC 5246 §5: SHA-256 unless the suite says otherwise) — also the Finished hash. */
    public HashAlgorithm prfHash() {
        return prfHash;
    }

    /** The IANA name, which is also the JSSE standard name. */
    public String standardName() {
        return name();
    }

    /** Length of the key block this suite takes from the master secret (RFC 5246 §6.3). */
    public int keyBlockLength() {
        return 2 * (protection.macKeyLength() + protection.keyLength() + protection.fixedIvLength());
    }

    /** The suite for a code point, or null if jtls does not support it. */
    public static CipherSuite fromCode(int code) {
        for (CipherSuite s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }

    /** jtls's default preference order. */
    public static List<CipherSuite> defaultOrder() {
        return List.of(values());
    }
}
