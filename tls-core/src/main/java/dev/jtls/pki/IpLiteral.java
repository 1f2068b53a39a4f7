package dev.jtls.pki;

/**
 * Parses IP address literals to their bytes, without ever resolving a name: {@code
 * InetAddress.getByName} would do a DNS lookup for anything that is not a literal, and it accepts
 * forms (such as {@code 127.1}) that a certificate check must not.
 */
final class IpLiteral {
    private IpLiteral() {
    }

    /**
     * RFC 9525 §6.2 (reference identifier is an IP address), RFC 3986 §3.2.2 IPv4address: exactly four
     * decimal octets 0–255 without leading zeros (a leading zero means octal to some parsers, so the
     * same text would name two addresses).
     *
     * @return the 4 bytes, or null if {@code s} is not such a literal
     */
    static byte[] parseIpv4(String s) {
        return parseIpv4(s, 0, s.length());
    }

    private static byte[] parseIpv4(String s, int from, int to) {
        byte[] out = new byte[4];
        int part = 0;
        int i = from;
        while (true) {
            int start = i;
            int value = 0;
            while (i < to && i - start < 4 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && s.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) value;
            if (part == 4) {
                return i == to ? out : null;
            }
            if (i == to || s.charAt(i) != '.') {
                return null;
            }
            i++;
        }
    }

    /**
     * RFC 4291 §2.2 text forms: eight groups of 1–4 hex digits, one {@code ::} standing for one or
     * more zero groups, and an optional dotted IPv4 tail in place of the last two groups. No zone
     * ({@code %eth0}), no brackets, no prefix length.
     *
     * @return the 16 bytes, or null if {@code s} is not such a literal
     */
    static byte[] parseIpv6(String s) {
        if (s.length() < 2 || s.length() > 45) {
            return null;
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null; // ":::" or two "::"
        }
        byte[] out = new byte[16];
        if (gap < 0) {
            return parseGroups(s, 0, s.length(), out, 0, 16) == 16 ? out : null;
        }
        // Parse the head into the front and the tail into a scratch array, then right-align the tail.
        int head = gap == 0 ? 0 : parseGroups(s, 0, gap, out, 0, 14);
        if (head < 0) {
            return null;
        }
        byte[] tail = new byte[16];
        int tailLength = gap + 2 == s.length() ? 0 : parseGroups(s, gap + 2, s.length(), tail, 0, 14 - head);
        if (tailLength < 0 || head + tailLength > 14) {
            return null; // "::" must stand for at least one group
        }
        System.arraycopy(tail, 0, out, 16 - tailLength, tailLength);
        return out;
    }

    /**
     * Parses colon-separated groups of {@code s[from, to)} into {@code out} at {@code at}.
     *
     * @return the number of bytes written, or -1 if the text is not groups of at most {@code max} bytes
     */
    private static int parseGroups(String s, int from, int to, byte[] out, int at, int max) {
        int written = 0;
        int i = from;
        while (true) {
            int start = i;
            int value = 0;
            while (i < to && i - start < 5 && Character.digit(s.charAt(i), 16) >= 0 && s.charAt(i) < 0x80) {
                value = (value << 4) | Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                // RFC 4291 §2.2 form 3: the last 32 bits as an IPv4 address, so only at the very end.
                byte[] v4 = to == s.length() && written + 4 <= max ? parseIpv4(s, start, to) : null;
                if (v4 == null) {
                    return -1;
                }
                System.arraycopy(v4, 0, out, at + written, 4);
                return written + 4;
            }
            int digits = i - start;
            if (digits == 0 || digits > 4 || written + 2 > max) {
                return -1;
            }
            out[at + written++] = (byte) (value >>> 8);
            out[at + written++] = (byte) value;
            if (i == to) {
                return written;
            }
            if (s.charAt(i) != ':') {
                return -1;
            }
            i++;
        }
    }

    /**
     * RFC 4291 §2.5.5.2: {@code ::ffff:a.b.c.d} is the IPv4 address a.b.c.d. The JDK's
     * {@code getSubjectAlternativeNames()} already reports such an iPAddress entry as a dotted quad,
     * so both sides are compared in that form (as Go's {@code net.IP.Equal} does); any other address
     * is returned unchanged.
     */
    static byte[] unmapIpv4(byte[] address) {
        if (address.length != 16 || address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        return java.util.Arrays.copyOfRange(address, 12, 16);
    }

    /**
     * RFC 5952 §4 text form: a dotted quad, or lower-case hex groups with the first longest run of two
     * or more zero groups written "::".
     */
    static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "."
                    + (address[3] & 0xff);
        }
        if (address.length != 16) {
            return "(" + address.length + "-byte address)";
        }
        int[] groups = new int[8];
        for (int g = 0; g < 8; g++) {
            groups[g] = (address[2 * g] & 0xff) << 8 | (address[2 * g + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int g = 0; g < 8; ) {
            int end = g;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - g > bestLength) {
                bestStart = g;
                bestLength = end - g;
            }
            g = end == g ? g + 1 : end;
        }
        StringBuilder sb = new StringBuilder();
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                sb.append("::");
                g += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[g]));
        }
        return sb.toString();
    }
}
