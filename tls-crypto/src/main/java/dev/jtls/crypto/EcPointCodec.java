package dev.jtls.crypto;

import java.math.BigInteger;
import java.security.InvalidKeyException;

/**
 * Wire encoding and validation of NIST-curve points and scalars, shared by both backends so that
 * they accept and refuse exactly the same peer keys. The curve constants are in {@link NistCurve}.
 */
public final class EcPointCodec {
    /** RFC 8422 §5.4.1: the only point format TLS 1.2 ECDHE may use (ANSI X9.62 uncompressed). */
    private static final byte UNCOMPRESSED = 0x04;

    private EcPointCodec() {
    }

    /** The NIST curve of a group; x25519/x448 are not NIST curves. */
    public static NistCurve curve(NamedGroup group) {
        NistCurve c = NistCurve.forGroup(group);
        if (c == null) {
            throw new IllegalArgumentException("not a NIST curve: " + group);
        }
        return c;
    }

    /**
     * Decodes and validates a peer's public point: exact length, the uncompressed prefix 0x04
     * (compressed 0x02/0x03 and the infinity encoding 0x00 are refused), both coordinates in
     * [0, p), and the point on the curve. An affine point cannot be the identity, and the cofactor
     * of these curves is 1, so such a point is in the prime-order group (SEC 1 v2 §3.2.2.1).
     *
     * @return {x, y}
     */
    public static BigInteger[] decodePoint(NamedGroup group, byte[] encoded) throws InvalidKeyException {
        NistCurve c = curve(group);
        int len = group.fieldLength();
        if (encoded == null || encoded.length != 1 + 2 * len) {
            throw new InvalidKeyException("EC point has the wrong length");
        }
        if (encoded[0] != UNCOMPRESSED) {
            throw new InvalidKeyException("EC point is not in uncompressed form");
        }
        BigInteger x = new BigInteger(1, encoded, 1, len);
        BigInteger y = new BigInteger(1, encoded, 1 + len, len);
        if (x.compareTo(c.p()) >= 0 || y.compareTo(c.p()) >= 0) {
            throw new InvalidKeyException("EC point coordinate out of range");
        }
        if (!c.isOnCurve(x, y)) {
            throw new InvalidKeyException("EC point is not on the curve");
        }
        return new BigInteger[] {x, y};
    }

    /** RFC 8422 §5.4.1: 0x04 || X || Y, each coordinate left-padded to the field length. */
    public static byte[] encodePoint(NamedGroup group, BigInteger x, BigInteger y) {
        int len = group.fieldLength();
        byte[] out = new byte[1 + 2 * len];
        out[0] = UNCOMPRESSED;
        toFixedLength(x, out, 1, len);
        toFixedLength(y, out, 1 + len, len);
        return out;
    }

    /**
     * A private scalar from its big-endian bytes; leading zeros and shorter encodings are fine,
     * the value must be in [1, n-1].
     */
    public static BigInteger decodeScalar(NamedGroup group, byte[] scalar) throws InvalidKeyException {
        if (scalar == null || scalar.length == 0) {
            throw new InvalidKeyException("empty EC private key");
        }
        BigInteger d = new BigInteger(1, scalar);
        if (d.signum() <= 0 || d.compareTo(curve(group).n()) >= 0) {
            throw new InvalidKeyException("EC private key out of range");
        }
        return d;
    }

    /** The value as exactly {@code len} big-endian bytes (RFC 8422 §5.10: the shared secret keeps leading zeros). */
    public static byte[] toFixedLength(BigInteger v, int len) {
        byte[] out = new byte[len];
        toFixedLength(v, out, 0, len);
        return out;
    }

    private static void toFixedLength(BigInteger v, byte[] out, int off, int len) {
        if (v.signum() < 0 || v.bitLength() > 8 * len) {
            throw new IllegalArgumentException("value does not fit " + len + " bytes");
        }
        byte[] raw = v.toByteArray(); // may carry one leading sign byte of zero
        int n = Math.min(raw.length, len);
        System.arraycopy(raw, raw.length - n, out, off + len - n, n);
    }
}
