package dev.jtls.crypto;

/**
 * Which backend {@link CryptoProviders#defaults()} uses for each family of primitives, and the
 * measurement the choice rests on: medians in ops/s from one JMH run with both backends side by
 * side on JDK 17 (benchmarks/RESULTS.md, {@code bash benchmarks/run.sh -wi 2 -w 1s -i 3 -r 1s},
 * 2026-11-23T22:38Z). JCA wins wherever the JDK has CPU intrinsics (SHA, AES, GHASH); Bouncy
 * Castle wins the elliptic-curve work, where its fixed-base combs and specialised field arithmetic
 * beat SunEC and XDH. The default provider delegates through this table, so what it says is what
 * runs ({@code jtls providers} prints it).
 */
public enum DefaultChoice {
    DIGEST("hashes", Backend.JCA, "SHA-256 of 16 KiB: jca 112,000 vs bc 13,800; SHA-384: jca 42,600 vs bc 20,100"),
    HMAC("HMAC and the TLS PRF built on it", Backend.JCA, "HMAC of 16 KiB: SHA-1 jca 120,000 vs bc 19,300; SHA-256 110,000 vs 13,900; "
            + "SHA-384 41,200 vs 18,800"),
    AEAD("AEAD ciphers", Backend.JCA, "16 KiB seal+open: AES-128-GCM jca 218,000 vs bc 4,090; AES-256-GCM 192,000 vs "
            + "3,490; ChaCha20-Poly1305 jca 9,200 vs bc 3,890"),
    CBC("CBC ciphers", Backend.JCA, "16 KiB AES-128-CBC: decrypt jca 1,150,000 vs bc 11,500; encrypt 109,000 vs 12,200"),
    ECDHE("ECDHE groups", Backend.BC, "keygen + agree: x25519 bc 10,500 vs jca 3,690; secp256r1 4,530 vs 767; "
            + "secp384r1 1,510 vs 366; x448 2,650 vs 1,150; secp521r1 692 vs 203"),
    RSA_ENCRYPT("RSA premaster encryption", Backend.BC, "RSA-2048 public operation: bc 31,900 vs jca 29,900; "
            + "RSA-3072 16,400 vs 16,100 (close)"),
    RSA_DECRYPT("RSA premaster decryption", Backend.JCA, "RSA-2048 premaster decryption: jca 1,320 vs bc 1,150; "
            + "RSA-3072 422 vs 409"),
    RSA_SIGN("RSA signing", Backend.JCA, "RSA-2048 private key: PKCS#1 jca 1,270 vs bc 1,090; PSS 1,290 vs 1,180"),
    RSA_VERIFY("RSA verification", Backend.JCA, "PKCS#1 jca 36,600 vs bc 33,800; PSS jca 36,300 vs bc 31,000"),
    EC_SIGN("ECDSA and Ed25519 signing", Backend.BC, "ECDSA P-256 bc 14,800 vs jca 2,250, P-384 5,090 vs 1,040; "
            + "Ed25519 bc 37,000 vs jca 1,970"),
    EC_VERIFY("ECDSA and Ed25519 verification", Backend.BC, "ECDSA P-256 bc 6,770 vs jca 1,240, P-384 2,170 vs 545; "
            + "Ed25519 bc 15,300 vs jca 1,910");

    /** The two backends. */
    public enum Backend {
        BC("bc"), JCA("jca");

        private final String label;

        Backend(String label) {
            this.label = label;
        }

        /** The backend's {@link CryptoProvider#name()}. */
        public String label() {
            return label;
        }
    }

    private final String family;
    private final Backend backend;
    private final String measured;

    DefaultChoice(String family, Backend backend, String measured) {
        this.family = family;
        this.backend = backend;
        this.measured = measured;
    }

    /** What the choice covers, e.g. "AEAD ciphers". */
    public String family() {
        return family;
    }

    public Backend backend() {
        return backend;
    }

    /** The benchmark figures (ops/s, JDK 17) the choice is based on. */
    public String measured() {
        return measured;
    }

    /** The choice for signing ({@code sign}) or verifying with {@code scheme}; RSA when the scheme is unknown. */
    public static DefaultChoice forSignature(SignatureScheme scheme, boolean sign) {
        boolean rsa = scheme == null || scheme.kind() == SignatureScheme.Kind.RSA_PKCS1
                || scheme.kind() == SignatureScheme.Kind.RSA_PSS;
        return rsa ? (sign ? RSA_SIGN : RSA_VERIFY) : (sign ? EC_SIGN : EC_VERIFY);
    }

    /** Of the two backends' versions of a part, the chosen one. */
    <T> T pick(T bc, T jca) {
        return backend == Backend.BC ? bc : jca;
    }
}
