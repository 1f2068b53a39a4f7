package dev.jtls.proxy.log;

import java.net.InetSocketAddress;
import java.time.format.DateTimeFormatter;

/**
 * The access log's line format: logfmt ({@code key=value} pairs separated by one space), every
 * string a client can influence double-quoted with {@code \"}, {@code \\}, and every control or
 * non-ASCII character as {@code \xHH} (UTF-16 units above 0xff as {@code \\uHHHH}), so one request is
 * always exactly one line and a field never runs into the next.
 * <pre>
 * time=2026-12-07T21:00:00.123Z client=203.0.113.7:51234 sni="www.example.com" suite="TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" resumed=true listener="https" pool="web" backend="web-1" method="GET" path="/index.html" status=200 in=312 out=5120 ms=3
 * </pre>
 */
public final class AccessLogFormat {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private AccessLogFormat() {
    }

    /** The line for {@code e}, without the line terminator. */
    public static String format(AccessLogEntry e) {
        StringBuilder b = new StringBuilder(256);
        b.append("time=").append(DateTimeFormatter.ISO_INSTANT.format(e.time()));
        b.append(" client=").append(address(e.client()));
        quoted(b.append(" sni="), e.sni());
        quoted(b.append(" suite="), e.suite());
        b.append(" resumed=").append(e.resumed());
        quoted(b.append(" listener="), e.listener());
        quoted(b.append(" pool="), e.pool());
        quoted(b.append(" backend="), e.backend());
        quoted(b.append(" method="), e.method());
        quoted(b.append(" path="), e.path());
        b.append(" status=").append(e.status());
        b.append(" in=").append(e.bytesIn());
        b.append(" out=").append(e.bytesOut());
        b.append(" ms=").append(e.durationMillis());
        return b.toString();
    }

    private static String address(InetSocketAddress a) {
        if (a == null) {
            return "-";
        }
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** Appends {@code s} quoted and escaped, or {@code -} for null. */
    static void quoted(StringBuilder b, String s) {
        if (s == null) {
            b.append('-');
            return;
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else if (c <= 0xff) {
                b.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else {
                b.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
            }
        }
        b.append('"');
    }
}
