package dev.jtls.crypto;

import java.math.BigInteger;

/** RFC 7748 encodings for x25519/x448 shared by both backends. */
public final class XdhCodec {
    /** RFC 7748 §4.1: p = 2^255 - 19. */
    private static final BigInteger P25519 = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    /** RFC 7748 §4.2: p = 2^448 - 2^224 - 1. */
    private static final BigInteger P448 =
            BigInteger.ONE.shiftLeft(448).subtract(BigInteger.ONE.shiftLeft(224)).subtract(BigInteger.ONE);

    private XdhCodec() {
    }

    /** The field prime of x25519 or x448. */
    public static BigInteger prime(NamedGroup group) {
        return group == NamedGroup.X25519 ? P25519 : P448;
    }

    /**
     * RFC 7748 §5 decodeUCoordinate: little-endian; for X25519 the most significant bit of the last
     * byte is masked. Non-canonical values (u >= p) are reduced modulo p, as RFC 7748 §5 asks
     * ("MUST accept non-canonical values and process them as if they had been reduced modulo the
     * field prime"). The input must be exactly {@code fieldLength} bytes.
     */
    public static BigInteger decodeU(NamedGroup group, byte[] u) {
        int len = group.fieldLength();
        byte[] be = new byte[len];
        for (int i = 0; i < len; i++) {
            be[i] = u[len - 1 - i];
        }
        if (group == NamedGroup.X25519) {
            be[0] &= 0x7f;
        }
        return new BigInteger(1, be).mod(prime(group));
    }

    /** RFC 7748 §5 encodeUCoordinate: the value (already reduced) as {@code fieldLength} little-endian bytes. */
    public static byte[] encodeU(NamedGroup group, BigInteger u) {
        byte[] be = EcPointCodec.toFixedLength(u, group.fieldLength());
        byte[] le = new byte[be.length];
        for (int i = 0; i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }

    /**
     * RFC 7748 §6.1 / RFC 8422 §5.11: the all-zero output (a small-order peer key) must be refused.
     * The check runs over every byte so that its time does not depend on the secret.
     */
    public static boolean isAllZero(byte[] secret) {
        int acc = 0;
        for (byte b : secret) {
            acc |= b;
        }
        return acc == 0;
    }
}
