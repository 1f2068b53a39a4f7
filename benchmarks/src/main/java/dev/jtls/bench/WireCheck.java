package dev.jtls.bench;

/**
 * Reads the server's first flight as it went over the wire (plaintext records up to
 * ChangeCipherSpec) and says what was negotiated: the same check for every implementation, so
 * that no figure comes from a handshake other than the one the table names. Cheap: it walks
 * record and message headers, decoding only ServerHello and ServerKeyExchange fields.
 */
final class WireCheck {
    private static final int HANDSHAKE = 22;
    private static final int CHANGE_CIPHER_SPEC = 20;

    private final byte[] messages = new byte[1 << 16];

    /** The suite from ServerHello; -1 if none was seen. */
    int suite;
    /** The ECDHE named group from ServerKeyExchange; -1 if none. */
    int group;
    /** The signature scheme of ServerKeyExchange; -1 if none. */
    int scheme;
    /** True if the server sent a Certificate (a full handshake). */
    boolean certificate;
    /** True if ServerHello carried encrypt_then_mac (RFC 7366). */
    boolean encryptThenMac;

    /** Parses the server's first flight, {@code wire[from, to)}. */
    void serverFlight(byte[] wire, int from, int to) {
        suite = -1;
        group = -1;
        scheme = -1;
        certificate = false;
        encryptThenMac = false;
        int n = 0;
        for (int i = from; i + 5 <= to; ) {
            int type = wire[i] & 0xff;
            int len = u16(wire, i + 3);
            if (type == CHANGE_CIPHER_SPEC || i + 5 + len > to) {
                break;
            }
            if (type == HANDSHAKE) {
                System.arraycopy(wire, i + 5, messages, n, len);
                n += len;
            }
            i += 5 + len;
        }
        for (int i = 0; i + 4 <= n; ) {
            int type = messages[i] & 0xff;
            int len = (messages[i + 1] & 0xff) << 16 | u16(messages, i + 2);
            int body = i + 4;
            if (body + len > n) {
                break;
            }
            if (type == 2) {
                serverHello(body, len);
            } else if (type == 11) {
                certificate = true;
            } else if (type == 12 && (messages[body] & 0xff) == 3) {
                // RFC 8422 §5.4: curve_type named_curve(3), NamedCurve, point<1..255>, then the signature.
                group = u16(messages, body + 1);
                int point = messages[body + 3] & 0xff;
                scheme = u16(messages, body + 4 + point);
            }
            i = body + len;
        }
    }

    private void serverHello(int body, int len) {
        int sid = messages[body + 34] & 0xff;
        int at = body + 35 + sid;
        suite = u16(messages, at);
        at += 3; // suite, compression
        if (at + 2 > body + len) {
            return;
        }
        int end = at + 2 + u16(messages, at);
        for (at += 2; at + 4 <= end; at += 4 + u16(messages, at + 2)) {
            if (u16(messages, at) == 22) {
                encryptThenMac = true;
            }
        }
    }

    /**
     * Throws unless the flight shows {@code expectedSuite}, a full handshake (Certificate sent) or
     * an abbreviated one as {@code resumed} says, and for ECDHE the given group and scheme.
     */
    void require(int expectedSuite, int expectedGroup, int expectedScheme, boolean resumed) {
        if (suite != expectedSuite) {
            throw new IllegalStateException(String.format("negotiated suite 0x%04x, expected 0x%04x", suite, expectedSuite));
        }
        if (certificate == resumed) {
            throw new IllegalStateException(resumed ? "expected a resumed handshake, got a full one"
                    : "expected a full handshake, the session was resumed");
        }
        if (!resumed && expectedGroup >= 0 && group != expectedGroup) {
            throw new IllegalStateException(String.format("negotiated group 0x%04x, expected 0x%04x"
                    + " (SunJSSE before JDK 20 takes groups only from jdk.tls.namedGroups, read once per JVM)",
                    group, expectedGroup));
        }
        if (!resumed && expectedScheme >= 0 && scheme != expectedScheme) {
            throw new IllegalStateException(String.format("ServerKeyExchange signed with 0x%04x, expected 0x%04x",
                    scheme, expectedScheme));
        }
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }
}
