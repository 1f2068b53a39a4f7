package dev.jtls.pki;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A strict reader of DER (ITU-T X.690 §10) for the parts of certificates, extensions and OCSP
 * responses the JDK's X509Certificate does not expose as we need them (raw extension order and
 * duplicates, name constraints, OCSP). Only definite, minimal lengths; tags up to 30 (one octet);
 * every read is bounded by the enclosing element. Any violation is a {@link Malformed}, which callers
 * turn into a {@link CertificateRejection} of kind {@link ChainProblem#MALFORMED} (or the matching
 * OCSP problem).
 *
 * <p>A reader is a cursor over one slice of a byte array; {@link #read} returns the next element
 * and moves past it. Not thread-safe, cheap to create.
 */
public final class Der {
    // Universal tags (X.690 §8.x); class bits 00, constructed bit where it always is.
    public static final int BOOLEAN = 0x01;
    public static final int INTEGER = 0x02;
    public static final int BIT_STRING = 0x03;
    public static final int OCTET_STRING = 0x04;
    public static final int NULL = 0x05;
    public static final int OID = 0x06;
    public static final int ENUMERATED = 0x0a;
    public static final int UTF8_STRING = 0x0c;
    public static final int PRINTABLE_STRING = 0x13;
    public static final int IA5_STRING = 0x16;
    public static final int UTC_TIME = 0x17;
    public static final int GENERALIZED_TIME = 0x18;
    public static final int SEQUENCE = 0x30;
    public static final int SET = 0x31;

    /** Encoding that breaks DER. Unchecked: callers convert it at the one place they catch it. */
    public static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Malformed(String message) {
            super(message);
        }
    }

    /** One element: its tag octet and its contents (a slice of the input, not copied). */
    public record Element(int tag, byte[] source, int offset, int length, int headerOffset) {
        /** The contents as a new array. */
        public byte[] contents() {
            return Arrays.copyOfRange(source, offset, offset + length);
        }

        /** The whole element, header included, as a new array (e.g. to hash or compare it). */
        public byte[] encoded() {
            return Arrays.copyOfRange(source, headerOffset, offset + length);
        }

        /** A reader over the contents, for constructed elements. */
        public Der reader() {
            return new Der(source, offset, offset + length);
        }

        public boolean isConstructed() {
            return (tag & 0x20) != 0;
        }

        /** Context-specific tag [n] (class bits 10), primitive or constructed. */
        public boolean isContext(int n) {
            return (tag & 0xc0) == 0x80 && (tag & 0x1f) == n;
        }
    }

    private final byte[] in;
    private int pos;
    private final int end;

    private Der(byte[] in, int from, int to) {
        this.in = in;
        this.pos = from;
        this.end = to;
    }

    public static Der of(byte[] der) {
        return new Der(der, 0, der.length);
    }

    /**
     * The SIGNED envelope of a certificate or CRL (RFC 5280 §4.1.1, §5.1.1): the signed element, the
     * outer signature algorithm, and the signature octets (a BIT STRING with no unused bits).
     */
    public record Signed(Element tbs, Element algorithm, byte[] signature) {
        public static Signed read(byte[] der) {
            Der outer = Der.single(der).reader();
            Element tbs = outer.read(SEQUENCE);
            Element algorithm = outer.read(SEQUENCE);
            byte[] signature = octetBitString(outer.read(BIT_STRING));
            outer.expectEnd();
            return new Signed(tbs, algorithm, signature);
        }
    }

    /** Reads the single element {@code der} must hold, with nothing after it. */
    public static Element single(byte[] der) {
        Der r = of(der);
        Element e = r.read();
        r.expectEnd();
        return e;
    }

    public boolean hasMore() {
        return pos < end;
    }

    /** The tag of the next element without reading it, or -1 at the end. */
    public int peekTag() {
        return pos < end ? in[pos] & 0xff : -1;
    }

    public void expectEnd() {
        if (pos != end) {
            throw new Malformed((end - pos) + " unexpected bytes after the last element");
        }
    }

    public Element read() {
        if (pos >= end) {
            throw new Malformed("an element is missing");
        }
        int header = pos;
        int tag = in[pos++] & 0xff;
        if ((tag & 0x1f) == 0x1f) {
            throw new Malformed("multi-octet tags are not used in certificates");
        }
        if (pos >= end) {
            throw new Malformed("the length of tag 0x" + Integer.toHexString(tag) + " is missing");
        }
        int first = in[pos++] & 0xff;
        int length;
        if (first < 0x80) {
            length = first;
        } else if (first == 0x80) {
            throw new Malformed("indefinite lengths are not DER (X.690 §10.1)");
        } else {
            int n = first & 0x7f;
            if (n > 4) {
                throw new Malformed("a length of " + n + " octets is too large");
            }
            if (end - pos < n) {
                throw new Malformed("the length is cut off");
            }
            long value = 0;
            for (int i = 0; i < n; i++) {
                value = (value << 8) | (in[pos++] & 0xff);
            }
            // X.690 §10.1: the fewest octets; long form only for lengths of 128 and more.
            if (value < 0x80 || (in[pos - n] & 0xff) == 0) {
                throw new Malformed("the length is not in its shortest form (X.690 §10.1)");
            }
            if (value > Integer.MAX_VALUE) {
                throw new Malformed("a length of " + value + " is too large");
            }
            length = (int) value;
        }
        if (length > end - pos) {
            throw new Malformed("an element of " + length + " bytes runs past its container ("
                    + (end - pos) + " left)");
        }
        Element e = new Element(tag, in, pos, length, header);
        pos += length;
        return e;
    }

    /** Reads the next element and checks its tag. */
    public Element read(int tag) {
        Element e = read();
        if (e.tag() != tag) {
            throw new Malformed("expected tag 0x" + Integer.toHexString(tag) + " but found 0x"
                    + Integer.toHexString(e.tag()));
        }
        return e;
    }

    /** Reads the next element only if it has {@code tag}; null otherwise. */
    public Element readOptional(int tag) {
        return peekTag() == tag ? read() : null;
    }

    public Der readSequence() {
        return read(SEQUENCE).reader();
    }

    /** INTEGER in its minimal two's-complement form (X.690 §8.3.2). */
    public BigInteger readInteger() {
        return integer(read(INTEGER));
    }

    public static BigInteger integer(Element e) {
        byte[] v = e.contents();
        if (v.length == 0) {
            throw new Malformed("an INTEGER has no contents");
        }
        if (v.length > 1 && ((v[0] == 0 && (v[1] & 0x80) == 0) || (v[0] == (byte) 0xff && (v[1] & 0x80) != 0))) {
            throw new Malformed("an INTEGER is not in its shortest form (X.690 §8.3.2)");
        }
        return new BigInteger(v);
    }

    /** BOOLEAN: DER allows only 0x00 and 0xff (X.690 §11.1). */
    public boolean readBoolean() {
        return bool(read(BOOLEAN));
    }

    public static boolean bool(Element e) {
        if (e.length() != 1) {
            throw new Malformed("a BOOLEAN must be one octet");
        }
        int v = e.source()[e.offset()] & 0xff;
        if (v != 0 && v != 0xff) {
            throw new Malformed("a DER BOOLEAN is 0x00 or 0xff, not 0x" + Integer.toHexString(v));
        }
        return v == 0xff;
    }

    /** OBJECT IDENTIFIER in dotted form, each arc minimal (X.690 §8.19). */
    public String readOid() {
        return oid(read(OID));
    }

    public static String oid(Element e) {
        if (e.length() == 0) {
            throw new Malformed("an OBJECT IDENTIFIER has no contents");
        }
        StringBuilder sb = new StringBuilder();
        byte[] b = e.source();
        int i = e.offset();
        int stop = e.offset() + e.length();
        boolean first = true;
        while (i < stop) {
            if ((b[i] & 0xff) == 0x80) {
                throw new Malformed("an OBJECT IDENTIFIER arc has a leading 0x80 (X.690 §8.19.2)");
            }
            BigInteger arc = BigInteger.ZERO;
            int octets = 0;
            while (true) {
                if (i >= stop) {
                    throw new Malformed("an OBJECT IDENTIFIER arc is cut off");
                }
                int x = b[i++] & 0xff;
                if (++octets > 20) {
                    throw new Malformed("an OBJECT IDENTIFIER arc is too long");
                }
                arc = arc.shiftLeft(7).or(BigInteger.valueOf(x & 0x7f));
                if ((x & 0x80) == 0) {
                    break;
                }
            }
            if (first) {
                // X.690 §8.19.4: the first subidentifier packs the first two arcs.
                int top = arc.compareTo(BigInteger.valueOf(80)) >= 0 ? 2 : arc.intValue() / 40;
                sb.append(top).append('.').append(arc.subtract(BigInteger.valueOf(top * 40L)));
                first = false;
            } else {
                sb.append('.').append(arc);
            }
        }
        return sb.toString();
    }

    /**
     * BIT STRING contents without the unused-bits octet; the unused bits must be zero (X.690
     * §11.2.1). For named bit lists (keyUsage) use {@link #namedBits}.
     */
    public static byte[] bitString(Element e) {
        if (e.tag() != BIT_STRING || e.length() == 0) {
            throw new Malformed("expected a non-empty BIT STRING");
        }
        byte[] b = e.source();
        int unused = b[e.offset()] & 0xff;
        if (unused > 7 || (unused != 0 && e.length() == 1)) {
            throw new Malformed("a BIT STRING declares " + unused + " unused bits");
        }
        byte[] v = Arrays.copyOfRange(b, e.offset() + 1, e.offset() + e.length());
        if (unused != 0 && (v[v.length - 1] & ((1 << unused) - 1)) != 0) {
            throw new Malformed("a BIT STRING's unused bits are not zero");
        }
        return v;
    }

    /**
     * The octets of a BIT STRING that carries an octet string, such as a signatureValue: the
     * unused-bits octet must be 0. Every signature algorithm a certificate or OCSP response can name
     * outputs whole octets, which the BIT STRING holds unchanged (RFC 3279 §2.2.1 RSA, §2.2.3
     * ECDSA-Sig-Value; RFC 4055 §3 RSA-PSS; RFC 8410 §6 EdDSA), so a non-zero count is a corrupted
     * encoding, not another signature: accepting it would let anyone change a signed certificate's
     * bytes and keep its signature valid.
     */
    public static byte[] octetBitString(Element e) {
        if (e.tag() == BIT_STRING && e.length() > 0 && e.source()[e.offset()] != 0) {
            throw new Malformed("a signature BIT STRING declares " + (e.source()[e.offset()] & 0xff)
                    + " unused bits; it must have 0");
        }
        return bitString(e);
    }

    /** A named bit list as a bit set (bit 0 = the most significant bit of the first octet). */
    public static boolean[] namedBits(Element e) {
        byte[] v = bitString(e);
        boolean[] bits = new boolean[v.length * 8];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (v[i / 8] & (0x80 >>> (i % 8))) != 0;
        }
        return bits;
    }

    /** The contents of a string type as text (IA5/Printable/UTF8 decoded as UTF-8 or ASCII). */
    public static String string(Element e) {
        byte[] v = e.contents();
        if (e.tag() == IA5_STRING || e.tag() == PRINTABLE_STRING) {
            for (byte x : v) {
                if (x < 0) {
                    throw new Malformed("a non-ASCII octet in an IA5String/PrintableString");
                }
            }
            return new String(v, StandardCharsets.US_ASCII);
        }
        return new String(v, StandardCharsets.UTF_8);
    }
}
