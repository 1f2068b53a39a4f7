package dev.jtls.crypto;

import java.math.BigInteger;
import java.security.InvalidKeyException;

/**
 * Wire encoding and validation of NIST-curve points and scalars, shared by both backends so that
 * they accept and refuse exactly the same peer keys. The curve constants are those of SEC 2 v2
 * §2.4.2, §2.5.1 and §2.6.1 (FIPS 186-4 D.1.2); a test checks them against both backends' own.
 */
public final class EcPointCodec {
    /** The short-Weierstrass parameters y^2 = x^3 + ax + b over GF(p), of prime order n (cofactor 1). */
    public record Curve(BigInteger p, BigInteger a, BigInteger b, BigInteger n) {
    }

    private static final Curve P256 = new Curve(
            hex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"),
            hex("ffffffff00000001000000000000000000000000fffffffffffffffffffffffc"),
            hex("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b"),
            hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"));
    private static final Curve P384 = new Curve(
            hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe"
                    + "ffffffff0000000000000000ffffffff"),
            hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe"
                    + "ffffffff0000000000000000fffffffc"),
            hex("b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875a"
                    + "c656398d8a2ed19d2a85c8edd3ec2aef"),
            hex("ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf"
                    + "581a0db248b0a77aecec196accc52973"));
    private static final Curve P521 = new Curve(
            BigInteger.ONE.shiftLeft(521).subtract(BigInteger.ONE),
            BigInteger.ONE.shiftLeft(521).subtract(BigInteger.valueOf(4)),
            hex("51953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109"
                    + "e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00"),
            hex("1ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
                    + "fa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409"));

    /** RFC 8422 §5.4.1: the only point format TLS 1.2 ECDHE may use (ANSI X9.62 uncompressed). */
    private static final byte UNCOMPRESSED = 0x04;

    private EcPointCodec() {
    }

    public static Curve curve(NamedGroup group) {
        switch (group) {
            case SECP256R1:
                return P256;
            case SECP384R1:
                return P384;
            case SECP521R1:
                return P521;
            default:
                throw new IllegalArgumentException("not a NIST curve: " + group);
        }
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
        Curve c = curve(group);
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
        if (!isOnCurve(c, x, y)) {
            throw new InvalidKeyException("EC point is not on the curve");
        }
        return new BigInteger[] {x, y};
    }

    /** True if y^2 = x^3 + ax + b (mod p); x and y must already be in [0, p). */
    public static boolean isOnCurve(Curve c, BigInteger x, BigInteger y) {
        BigInteger p = c.p();
        BigInteger lhs = y.multiply(y).mod(p);
        BigInteger rhs = x.multiply(x).add(c.a()).multiply(x).add(c.b()).mod(p);
        return lhs.equals(rhs);
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

    private static BigInteger hex(String s) {
        return new BigInteger(s, 16);
    }
}
