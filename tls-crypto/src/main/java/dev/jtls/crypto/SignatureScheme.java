package dev.jtls.crypto;

/** The signature schemes jtls supports, with their TLS code points (RFC 8446 §4.2.3, used by TLS 1.2). */
public enum SignatureScheme {
    ECDSA_SECP256R1_SHA256(0x0403, Kind.ECDSA, HashAlgorithm.SHA256),
    ECDSA_SECP384R1_SHA384(0x0503, Kind.ECDSA, HashAlgorithm.SHA384),
    ECDSA_SECP521R1_SHA512(0x0603, Kind.ECDSA, HashAlgorithm.SHA512),
    ED25519(0x0807, Kind.EDDSA, null),
    RSA_PSS_RSAE_SHA256(0x0804, Kind.RSA_PSS, HashAlgorithm.SHA256),
    RSA_PSS_RSAE_SHA384(0x0805, Kind.RSA_PSS, HashAlgorithm.SHA384),
    RSA_PSS_RSAE_SHA512(0x0806, Kind.RSA_PSS, HashAlgorithm.SHA512),
    RSA_PKCS1_SHA256(0x0401, Kind.RSA_PKCS1, HashAlgorithm.SHA256),
    RSA_PKCS1_SHA384(0x0501, Kind.RSA_PKCS1, HashAlgorithm.SHA384),
    RSA_PKCS1_SHA512(0x0601, Kind.RSA_PKCS1, HashAlgorithm.SHA512);

    /** The signature algorithm family. */
    public enum Kind { ECDSA, EDDSA, RSA_PSS, RSA_PKCS1 }

    private final int code;
    private final Kind kind;
    private final HashAlgorithm hash;

    SignatureScheme(int code, Kind kind, HashAlgorithm hash) {
        this.code = code;
        this.kind = kind;
        this.hash = hash;
    }

    public int code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    /** The hash the scheme signs with; null for Ed25519, which hashes internally. */
    public HashAlgorithm hash() {
        return hash;
    }

    /** The scheme for a code point, or null if jtls does not support it. */
    public static SignatureScheme fromCode(int code) {
        for (SignatureScheme s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }
}
