package dev.jtls.proxy.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * RFC 9110 §7.6.1: a proxy removes the connection-specific fields before forwarding — Connection and
 * every field it names, and Proxy-Connection, Keep-Alive, TE, Transfer-Encoding (the proxy re-frames
 * the body itself, RFC 9112 §6.1), Upgrade (no protocol switch through this proxy) and Trailer (trailers
 * are not forwarded).
 */
public final class HopByHop {
    private static final List<AsciiString> ALWAYS = List.of(
            HttpHeaderNames.CONNECTION, AsciiString.cached("proxy-connection"), HttpHeaderNames.KEEP_ALIVE,
            HttpHeaderNames.TE, HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.UPGRADE, HttpHeaderNames.TRAILER);

    private HopByHop() {
    }

    /** Whether the message asked for the connection to close ({@code Connection: close}, RFC 9112 §9.6). */
    public static boolean closeRequested(HttpHeaders headers) {
        return headers.containsValue(HttpHeaderNames.CONNECTION, "close", true);
    }

    /** Removes the hop-by-hop fields from {@code headers}, in place. */
    public static void strip(HttpHeaders headers) {
        if (headers.contains(HttpHeaderNames.CONNECTION)) {
            stripNamed(headers);
        }
        for (AsciiString name : ALWAYS) {
            headers.remove(name);
        }
    }

    /** RFC 9110 §7.6.1: the fields the Connection options name. */
    private static void stripNamed(HttpHeaders headers) {
        List<String> named = new ArrayList<>();
        for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : value.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    named.add(name);
                }
            }
        }
        for (String name : named) {
            // RFC 9110 §7.6.1: a Connection option never names an end-to-end field the proxy must keep.
            if (!name.equals("host") && !name.equals("content-length")) {
                headers.remove(name);
            }
        }
    }
}
