package dev.jtls.crypto;

/** The ECDHE groups jtls supports, with their TLS code points (RFC 8422 §5.1.1, RFC 7748). */
public enum NamedGroup {
    X25519(0x001d, 32),
    SECP256R1(0x0017, 32),
    SECP384R1(0x0018, 48),
    X448(0x001e, 56),
    SECP521R1(0x0019, 66);

    private final int code;
    private final int fieldLength;

    NamedGroup(int code, int fieldLength) {
        this.code = code;
        this.fieldLength = fieldLength;
    }

    /** The NamedGroup code point on the wire. */
    public int code() {
        return code;
    }

    /** Bytes per field element (and so per coordinate on the wire). */
    public int fieldLength() {
        return fieldLength;
    }

    /** True for the RFC 7748 curves, whose wire key is the bare u-coordinate. */
    public boolean isMontgomery() {
        return this == X25519 || this == X448;
    }

    /**
     * Length of a public key on the wire: the u-coordinate for x25519/x448, the uncompressed point
     * 0x04 || X || Y for the NIST curves (RFC 8422 §5.4.1; compressed points are not accepted).
     */
    public int publicKeyLength() {
        return isMontgomery() ? fieldLength : 1 + 2 * fieldLength;
    }

    /** The group for a code point, or null if jtls does not support it. */
    public static NamedGroup fromCode(int code) {
        for (NamedGroup g : values()) {
            if (g.code == code) {
                return g;
            }
        }
        return null;
    }
}
