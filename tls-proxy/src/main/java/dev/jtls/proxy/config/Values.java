package dev.jtls.proxy.config;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for the value forms of the configuration file. Each throws {@link IllegalArgumentException}
 * with a message that says what was expected and what was found; the caller adds file, line and path.
 */
final class Values {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*(B|KiB|MiB|GiB)?");
    /** RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens. */
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    /** RFC 9110 §5.6.2 token, the form of a header field name. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

    private Values() {}

    /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 1d}; {@code 0} alone is zero. */
    static Duration duration(String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be a duration such as 500ms, 10s, 2m or 1h, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms": return Duration.ofMillis(n);
            case "s": return Duration.ofSeconds(n);
            case "m": return Duration.ofMinutes(n);
            case "h": return Duration.ofHours(n);
            default: return Duration.ofDays(n);
        }
    }

    /** Shows a duration the way the file writes it. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s != 0 && s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** A byte count: {@code 16384}, {@code 16KiB}, {@code 10MiB}, {@code 1GiB}. */
    static long size(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("must be a size such as 8192, 16KiB or 10MiB, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        int shift = switch (unit) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            default -> 0;
        };
        if (n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("is too large: '" + text + "'");
        }
        return n << shift;
    }

    static String formatSize(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + "MiB";
        }
        return bytes >= 1024 && bytes % 1024 == 0 ? (bytes >> 10) + "KiB" : bytes + "B";
    }

    /** A host and port, split; IPv6 in brackets: {@code [::1]:8443}. */
    record HostPort(String host, int port) {
        InetSocketAddress bindAddress() {
            byte[] ip = NetUtil.createByteArrayFromIpAddressString(host);
            try {
                InetAddress a = ip != null ? InetAddress.getByAddress(ip) : InetAddress.getByName(host);
                return new InetSocketAddress(a, port);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("cannot resolve '" + host + "'");
            }
        }
    }

    /**
     * {@code host:port}; the host an IP literal or an RFC 1123 name; the port from {@code minPort}
     * (0 lets a listener take any free port, for tests) to 65535.
     */
    static HostPort hostPort(String text, int minPort) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("must be host:port (IPv6 as [::1]:8443), got '" + text + "'");
        }
        String host = text.substring(0, colon);
        String portText = text.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
            if (!NetUtil.isValidIpV6Address(host)) {
                throw new IllegalArgumentException("'" + host + "' is not an IPv6 address");
            }
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("an IPv6 address needs brackets: '[" + host + "]:" + portText + "'");
        } else if (!NetUtil.isValidIpV4Address(host) && !HOST_NAME.matcher(host).matches()) {
            throw new IllegalArgumentException("'" + host + "' is neither an IP address nor a host name");
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number, got '" + portText + "'");
        }
        if (port < minPort || port > 65535) {
            throw new IllegalArgumentException("port must be " + minPort + "–65535, got " + port);
        }
        return new HostPort(host, port);
    }

    /** {@code 10.0.0.0/8}, {@code ::1/128}, or a single address (a /32 or /128); host bits must be 0. */
    static Cidr cidr(String text) {
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(addr);
        if (bytes == null) {
            throw new IllegalArgumentException("must be an address block such as 10.0.0.0/8 or ::1/128, got '" + text + "'");
        }
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("prefix length must be 0–" + max + " in '" + text + "'");
            }
        }
        byte[] network = bytes.clone();
        for (int bit = prefix; bit < max; bit++) {
            network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            InetAddress net = InetAddress.getByAddress(network);
            if (!java.util.Arrays.equals(network, bytes)) {
                throw new IllegalArgumentException("'" + text + "' has host bits set; did you mean '"
                        + NetUtil.toAddressString(net) + "/" + prefix + "'?");
            }
            return new Cidr(net, prefix);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address '" + text + "'");
        }
    }

    /** A header field name (RFC 9110 §5.1: a token). */
    static boolean isToken(String s) {
        return TOKEN.matcher(s).matches();
    }

    /** A host name pattern for SNI or Host matching: exact, or {@code *.suffix}; lower-cased. */
    static String hostPattern(String text) {
        String name = text.startsWith("*.") ? text.substring(2) : text;
        if (name.endsWith(".") || !HOST_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("must be a host name or *.suffix, got '" + text + "'");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** The closest of {@code choices} to {@code word} within two edits, for "did you mean". */
    static String closest(String word, Collection<String> choices) {
        String best = null;
        int bestDistance = 3;
        for (String c : choices) {
            int d = editDistance(word, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /** " (did you mean 'x'?)" or "". */
    static String didYouMean(String word, Collection<String> choices) {
        String c = closest(word, choices);
        return c == null ? "" : "; did you mean '" + c + "'?";
    }

    /** Levenshtein distance, two rows. */
    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
