package dev.jtls.message;

import dev.jtls.crypto.NamedGroup;
import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;

/** RFC 8422 §5.1.1 / RFC 7919 NamedGroup: an open value type for any uint16 a peer sends. */
public record NamedGroupId(int code) {
    public static final NamedGroupId SECP256R1 = new NamedGroupId(0x0017);
    public static final NamedGroupId SECP384R1 = new NamedGroupId(0x0018);
    public static final NamedGroupId SECP521R1 = new NamedGroupId(0x0019);
    public static final NamedGroupId X25519 = new NamedGroupId(0x001d);
    public static final NamedGroupId X448 = new NamedGroupId(0x001e);
    public static final NamedGroupId FFDHE2048 = new NamedGroupId(0x0100);
    public static final NamedGroupId FFDHE3072 = new NamedGroupId(0x0101);

    public NamedGroupId {
        if (code < 0 || code > 0xffff) {
            throw new IllegalArgumentException("NamedGroup out of range: " + code);
        }
    }

    public static NamedGroupId of(int code) {
        return new NamedGroupId(code);
    }

    public static NamedGroupId of(NamedGroup g) {
        return new NamedGroupId(g.code());
    }

    public static NamedGroupId decode(TlsReader r) {
        return new NamedGroupId(r.uint16("named_group"));
    }

    public void encode(TlsWriter w) {
        w.uint16(code);
    }

    /** The crypto layer's group, or null if jtls does not support this one. */
    public NamedGroup supported() {
        return NamedGroup.fromCode(code);
    }

    /**
     * True for the elliptic curves RFC 8422 §5.1.1 defines (the deprecated 1..22, the three NIST
     * curves, x25519, x448 and the two explicit-curve markers): the ones whose offer makes the
     * ec_point_formats rule of RFC 8422 §5.1.2 apply.
     */
    public boolean isRfc8422Curve() {
        return (code >= 1 && code <= 25) || code == 29 || code == 30 || code == 0xff01 || code == 0xff02;
    }

    public String name() {
        switch (code) {
            case 0x0017: return "secp256r1";
            case 0x0018: return "secp384r1";
            case 0x0019: return "secp521r1";
            case 0x001a: return "brainpoolP256r1";
            case 0x001b: return "brainpoolP384r1";
            case 0x001c: return "brainpoolP512r1";
            case 0x001d: return "x25519";
            case 0x001e: return "x448";
            case 0x0100: return "ffdhe2048";
            case 0x0101: return "ffdhe3072";
            case 0x0102: return "ffdhe4096";
            case 0x0103: return "ffdhe6144";
            case 0x0104: return "ffdhe8192";
            case 0x11ec: return "X25519MLKEM768";
            default: return null;
        }
    }

    @Override
    public String toString() {
        String n = name();
        return n != null ? n : String.format("group(0x%04x)", code);
    }
}
