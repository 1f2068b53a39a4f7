package dev.jtls.pki;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * A distinguished name as its RDN sequence (RFC 5280 §4.1.2.4), parsed strictly from DER, for the
 * name-constraint comparison of RFC 5280 §7.1: attribute types compared as OIDs, string values
 * compared case-insensitively with leading, trailing and repeated inner white space folded (the
 * essentials of RFC 4518 without its full Unicode preparation), any other value compared as its DER
 * octets.
 */
final class DistinguishedName {
    /** PKCS #9 emailAddress (RFC 5280 §4.1.2.6 legacy e-mail addresses in the subject). */
    static final String EMAIL_ADDRESS = "1.2.840.113549.1.9.1";
    /** X.520 commonName. */
    static final String COMMON_NAME = "2.5.4.3";

    /** A bound jtls sets (X.501 sets none) so that comparing two RDNs stays cheap. */
    static final int MAX_ATTRIBUTES_PER_RDN = 32;
    private static final int TELETEX_STRING = 0x14;
    private static final int UNIVERSAL_STRING = 0x1c;
    private static final int BMP_STRING = 0x1e;
    private static final int VISIBLE_STRING = 0x1a;
    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");

    /** One AttributeTypeAndValue: its type and either its folded string or its raw DER. */
    record Ava(String type, String folded, byte[] raw) {
        boolean matches(Ava other) {
            if (!type.equals(other.type)) {
                return false;
            }
            if (folded != null && other.folded != null) {
                return folded.equals(other.folded);
            }
            return folded == null && other.folded == null && Arrays.equals(raw, other.raw);
        }
    }

    private final List<List<Ava>> rdns;
    private final byte[] encoded;

    private DistinguishedName(List<List<Ava>> rdns, byte[] encoded) {
        this.rdns = rdns;
        this.encoded = encoded;
    }

    /**
     * Parses a Name (an RDNSequence) from its whole DER encoding.
     *
     * @throws Der.Malformed if it is not DER or not an RDNSequence
     */
    static DistinguishedName parse(Der.Element name) {
        if (name.tag() != Der.SEQUENCE) {
            throw new Der.Malformed("a Name is not a SEQUENCE");
        }
        List<List<Ava>> rdns = new ArrayList<>();
        Der seq = name.reader();
        while (seq.hasMore()) {
            Der set = seq.read(Der.SET).reader();
            List<Ava> rdn = new ArrayList<>();
            while (set.hasMore()) {
                if (rdn.size() == MAX_ATTRIBUTES_PER_RDN) {
                    // Real RDNs hold one to three; comparing two RDNs costs the square of their size.
                    throw new Der.Malformed("an RDN has more than " + MAX_ATTRIBUTES_PER_RDN + " attributes");
                }
                Der atv = set.readSequence();
                String type = atv.readOid();
                Der.Element value = atv.read();
                atv.expectEnd();
                rdn.add(new Ava(type, fold(value), value.encoded()));
            }
            if (rdn.isEmpty()) {
                // RFC 5280 §4.1.2.4: RelativeDistinguishedName ::= SET SIZE (1..MAX).
                throw new Der.Malformed("a RelativeDistinguishedName is empty");
            }
            rdns.add(List.copyOf(rdn));
        }
        return new DistinguishedName(List.copyOf(rdns), name.encoded());
    }

    static DistinguishedName parse(byte[] der) {
        return parse(Der.single(der));
    }

    /** The DER encoding, a copy. */
    byte[] encoded() {
        return encoded.clone();
    }

    /** The same name under the RFC 5280 §7.1 comparison. */
    boolean sameAs(DistinguishedName other) {
        return rdns.size() == other.rdns.size() && isWithin(other);
    }

    boolean isEmpty() {
        return rdns.isEmpty();
    }

    /**
     * RFC 5280 §4.2.1.10: a directoryName is within a subtree when the subtree's RDNs are the first
     * RDNs of the name (the empty name is a prefix of every name).
     */
    boolean isWithin(DistinguishedName base) {
        if (base.rdns.size() > rdns.size()) {
            return false;
        }
        for (int i = 0; i < base.rdns.size(); i++) {
            if (!sameRdn(base.rdns.get(i), rdns.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 5280 §7.1: two RDNs match when they have the same set of attribute values. */
    private static boolean sameRdn(List<Ava> a, List<Ava> b) {
        if (a.size() != b.size()) {
            return false;
        }
        boolean[] used = new boolean[b.size()];
        for (Ava x : a) {
            boolean found = false;
            for (int j = 0; j < b.size() && !found; j++) {
                if (!used[j] && x.matches(b.get(j))) {
                    used[j] = true;
                    found = true;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** The string values of every attribute of {@code type}, in order; non-string values are skipped. */
    List<String> values(String type) {
        List<String> out = new ArrayList<>();
        for (List<Ava> rdn : rdns) {
            for (Ava ava : rdn) {
                if (ava.type().equals(type)) {
                    String text = text(ava);
                    if (text != null) {
                        out.add(text);
                    }
                }
            }
        }
        return out;
    }

    private static String text(Ava ava) {
        Der.Element e = Der.single(ava.raw());
        return isString(e.tag()) ? decode(e) : null;
    }

    /** For messages: the RFC 2253 form, or hex if the JDK cannot print it. */
    @Override
    public String toString() {
        try {
            return new X500Principal(encoded).getName();
        } catch (IllegalArgumentException e) {
            return "(unprintable name of " + encoded.length + " bytes)";
        }
    }

    private static boolean isString(int tag) {
        return tag == Der.UTF8_STRING || tag == Der.PRINTABLE_STRING || tag == Der.IA5_STRING || tag == TELETEX_STRING
                || tag == UNIVERSAL_STRING || tag == BMP_STRING || tag == VISIBLE_STRING;
    }

    private static String decode(Der.Element e) {
        byte[] v = e.contents();
        switch (e.tag()) {
            case BMP_STRING:
                if (v.length % 2 != 0) {
                    throw new Der.Malformed("a BMPString has an odd length");
                }
                return new String(v, StandardCharsets.UTF_16BE);
            case UNIVERSAL_STRING:
                if (v.length % 4 != 0) {
                    throw new Der.Malformed("a UniversalString length is not a multiple of 4");
                }
                return new String(v, UTF_32BE);
            case TELETEX_STRING:
                // T.61 in theory; in practice Latin-1 (as OpenSSL and the JDK read it).
                return new String(v, StandardCharsets.ISO_8859_1);
            default:
                return Der.string(e);
        }
    }

    /** RFC 5280 §7.1 / RFC 4518 §2.6: case folded, white space trimmed and collapsed; null if not a string. */
    private static String fold(Der.Element value) {
        if (!isString(value.tag())) {
            return null;
        }
        String s = decode(value);
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = sb.length() > 0;
                continue;
            }
            if (space) {
                sb.append(' ');
                space = false;
            }
            sb.append(c);
        }
        return sb.toString().toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }
}
