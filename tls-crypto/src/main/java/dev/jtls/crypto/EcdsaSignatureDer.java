package dev.jtls.crypto;

import java.math.BigInteger;

/**
 * The strict DER codec for ECDSA signatures, shared by both backends so that they accept exactly
 * the same encodings. RFC 8422 §5.4 (and RFC 5246 §4.7) carry an ECDSA signature as the DER
 * encoding of {@code Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }} (RFC 3279 §2.2.3).
 * DER (X.690 §10.1, §8.3.2) allows exactly one encoding: definite minimal lengths and minimal
 * two's-complement integers. Anything else (BER, long-form lengths that fit the short form,
 * leading zero or 0xff octets, negative values, trailing bytes) is refused, as are r or s outside
 * [1, n-1] (SEC 1 §4.1.4 step 1).
 */
public final class EcdsaSignatureDer {
    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;

    private EcdsaSignatureDer() {
    }

    /** A decoded signature; both values are in [1, n-1]. */
    public record Rs(BigInteger r, BigInteger s) {
    }

    /** Decodes a signature strictly, or returns null if it is not the one DER encoding of valid (r, s). */
    public static Rs decode(byte[] der, BigInteger order) {
        if (der == null || der.length < 8) {
            return null;
        }
        if ((der[0] & 0xff) != SEQUENCE) {
            return null;
        }
        int[] pos = {1};
        int contentLength = readLength(der, pos);
        if (contentLength < 0 || pos[0] + contentLength != der.length) {
            return null; // also refuses trailing data after the SEQUENCE
        }
        BigInteger r = readPositiveInteger(der, pos);
        if (r == null) {
            return null;
        }
        BigInteger s = readPositiveInteger(der, pos);
        if (s == null || pos[0] != der.length) {
            return null;
        }
        if (r.compareTo(order) >= 0 || s.compareTo(order) >= 0) {
            return null;
        }
        return new Rs(r, s);
    }

    /** The DER encoding of (r, s); both must be positive. */
    public static byte[] encode(BigInteger r, BigInteger s) {
        if (r.signum() <= 0 || s.signum() <= 0) {
            throw new IllegalArgumentException("r and s must be positive");
        }
        byte[] rb = r.toByteArray(); // minimal two's complement: a 0x00 only when the top bit is set
        byte[] sb = s.toByteArray();
        int content = 2 + rb.length + 2 + sb.length;
        if (rb.length > 127 || sb.length > 127 || content > 255) {
            throw new IllegalArgumentException("values too large");
        }
        int header = content < 128 ? 2 : 3;
        byte[] out = new byte[header + content];
        int i = 0;
        out[i++] = SEQUENCE;
        if (content >= 128) {
            out[i++] = (byte) 0x81;
        }
        out[i++] = (byte) content;
        out[i++] = INTEGER;
        out[i++] = (byte) rb.length;
        System.arraycopy(rb, 0, out, i, rb.length);
        i += rb.length;
        out[i++] = INTEGER;
        out[i++] = (byte) sb.length;
        System.arraycopy(sb, 0, out, i, sb.length);
        return out;
    }

    /**
     * Reads a definite length in its minimal form (X.690 §10.1): short form below 128, otherwise
     * 0x81 followed by one byte >= 128. No ECDSA signature needs more than 255 content bytes.
     * Returns -1 for anything else.
     */
    private static int readLength(byte[] in, int[] pos) {
        int i = pos[0];
        if (i >= in.length) {
            return -1;
        }
        int first = in[i++] & 0xff;
        int length;
        if (first < 0x80) {
            length = first;
        } else if (first == 0x81) {
            if (i >= in.length) {
                return -1;
            }
            length = in[i++] & 0xff;
            if (length < 0x80) {
                return -1; // non-minimal: would fit the short form
            }
        } else {
            return -1; // indefinite (0x80), or more length octets than any signature needs
        }
        pos[0] = i;
        return length;
    }

    /** Reads an INTEGER in minimal encoding that is strictly positive, or returns null. */
    private static BigInteger readPositiveInteger(byte[] in, int[] pos) {
        int i = pos[0];
        if (i >= in.length || (in[i++] & 0xff) != INTEGER) {
            return null;
        }
        pos[0] = i;
        int length = readLength(in, pos);
        i = pos[0];
        if (length <= 0 || length > in.length - i) {
            return null;
        }
        int first = in[i] & 0xff;
        if (first >= 0x80) {
            return null; // negative
        }
        if (first == 0 && (length == 1 || (in[i + 1] & 0x80) == 0)) {
            return null; // zero, or a leading zero octet that is not needed (X.690 §8.3.2)
        }
        BigInteger value = new BigInteger(1, in, i, length);
        pos[0] = i + length;
        return value;
    }
}
