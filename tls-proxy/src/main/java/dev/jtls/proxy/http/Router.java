package dev.jtls.proxy.http;

import dev.jtls.proxy.config.RouteConfig;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An HTTP listener's routes, first match wins: the request's host (from Host, its port dropped) is
 * matched exactly or by {@code *.suffix} (any deeper name), then the path by prefix.
 */
public final class Router {
    private final List<RouteConfig> routes;

    public Router(List<RouteConfig> routes) {
        this.routes = List.copyOf(routes);
    }

    /** The pool for the request, or empty (404). */
    public Optional<String> route(String hostHeader, String path) {
        String host = hostOnly(hostHeader);
        for (RouteConfig r : routes) {
            if (hostMatches(r.host(), host) && (r.pathPrefix() == null || path.startsWith(r.pathPrefix()))) {
                return Optional.of(r.pool());
            }
        }
        return Optional.empty();
    }

    static boolean hostMatches(String pattern, String host) {
        if (pattern == null || pattern.isEmpty() || pattern.equals("*")) {
            return true;
        }
        if (host == null) {
            return false;
        }
        String p = pattern.toLowerCase(Locale.ROOT);
        if (p.startsWith("*.")) {
            return host.endsWith(p.substring(1)) && host.length() > p.length() - 1;
        }
        return host.equals(p);
    }

    /** The host part of a Host value: lower case, without the port; IPv6 literals keep their brackets. */
    static String hostOnly(String hostHeader) {
        if (hostHeader == null) {
            return null;
        }
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}
