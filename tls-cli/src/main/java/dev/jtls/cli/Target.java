package dev.jtls.cli;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * What {@code jtls client} connects to: {@code HOST:PORT} (raw: standard input goes to the server)
 * or {@code https://HOST[:PORT][/PATH]} (one HTTP/1.1 GET, RFC 9110 §4.2.2: port 443 by default).
 * An IPv6 literal is written in brackets, {@code [::1]:4433} (RFC 3986 §3.2.2).
 *
 * @param path the request target for https (path and query, "/" if none); null for a raw target
 */
record Target(String host, int port, String path) {
    static final int HTTPS_PORT = 443;
    private static final String USAGE = "expected HOST:PORT, [IPv6]:PORT or https://HOST[:PORT]/PATH";

    boolean isHttps() {
        return path != null;
    }

    /** {@code host} as written in a URL or Host header: IPv6 literals in brackets. */
    String hostForUrl() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** RFC 9110 §7.2: the Host header, with the port only when it is not the default. */
    String hostHeader() {
        return port == HTTPS_PORT ? hostForUrl() : hostForUrl() + ":" + port;
    }

    static Target parse(String text) {
        String t = text.strip();
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("http://")) {
            throw bad(text, "jtls client speaks TLS: use https://, not http://");
        }
        if (lower.startsWith("https://")) {
            return url(text, t);
        }
        if (t.contains("/")) {
            throw bad(text, USAGE);
        }
        String host;
        String port;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0 || close + 1 >= t.length() || t.charAt(close + 1) != ':') {
                throw bad(text, USAGE);
            }
            host = t.substring(1, close);
            port = t.substring(close + 2);
        } else {
            int colon = t.lastIndexOf(':');
            if (colon <= 0) {
                throw bad(text, USAGE + " (no port)");
            }
            host = t.substring(0, colon);
            port = t.substring(colon + 1);
            if (host.contains(":")) {
                throw bad(text, "an IPv6 address goes in brackets: [" + host + "]:" + port);
            }
        }
        return new Target(host, port(text, port), null);
    }

    private static Target url(String text, String t) {
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw bad(text, "not a URL: " + e.getReason());
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw bad(text, uri.getRawAuthority() == null ? "no host in the URL"
                    : "'" + uri.getRawAuthority() + "' is not HOST or HOST:PORT");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() < 0 ? HTTPS_PORT : uri.getPort();
        if (uri.getPort() == 0) {
            throw bad(text, "port 0 is not a port to connect to");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        return new Target(host, port, path);
    }

    private static int port(String text, String port) {
        try {
            int p = Integer.parseInt(port);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw bad(text, "'" + port + "' is not a port (1-65535)");
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("bad target '" + text + "': " + why);
    }
}
