package dev.jtls.record;

/**
 * RFC 5246 §6.2.1: ProtocolVersion { uint8 major; uint8 minor; }. An open value type: peers send
 * versions jtls does not speak, and those must still be representable to be refused properly.
 */
public record ProtocolVersion(int major, int minor) {
    public static final ProtocolVersion SSL3_0 = new ProtocolVersion(3, 0);
    public static final ProtocolVersion TLS1_0 = new ProtocolVersion(3, 1);
    public static final ProtocolVersion TLS1_1 = new ProtocolVersion(3, 2);
    public static final ProtocolVersion TLS1_2 = new ProtocolVersion(3, 3);

    public ProtocolVersion {
        if (major < 0 || major > 255 || minor < 0 || minor > 255) {
            throw new IllegalArgumentException("version bytes out of range: " + major + "." + minor);
        }
    }

    public static ProtocolVersion of(int wire) {
        return new ProtocolVersion((wire >>> 8) & 0xff, wire & 0xff);
    }

    /** The two wire bytes as one uint16, e.g. 0x0303. */
    public int wire() {
        return (major << 8) | minor;
    }

    public static ProtocolVersion decode(TlsReader r, String what) {
        return of(r.uint16(what));
    }

    public void encode(TlsWriter w) {
        w.uint16(wire());
    }

    @Override
    public String toString() {
        if (major == 3) {
            switch (minor) {
                case 0:
                    return "SSLv3";
                case 1:
                    return "TLSv1.0";
                case 2:
                    return "TLSv1.1";
                case 3:
                    return "TLSv1.2";
                case 4:
                    return "TLSv1.3";
                default:
                    break;
            }
        }
        return String.format("0x%04x", wire());
    }
}
