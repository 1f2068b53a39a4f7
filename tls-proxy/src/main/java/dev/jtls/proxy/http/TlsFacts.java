package dev.jtls.proxy.http;

import io.netty.util.AttributeKey;

/**
 * What the TLS handshake of a client connection settled, for the access log and the metrics.
 *
 * @param sni the server_name the client asked for, or null
 * @param resumed an abbreviated handshake (RFC 5246 §7.3, session ID or RFC 5077 ticket)
 */
public record TlsFacts(String sni, String suite, boolean resumed, String alpn) {
    /** Set on the client channel once the handshake is done. */
    public static final AttributeKey<TlsFacts> KEY = AttributeKey.valueOf(TlsFacts.class, "tlsFacts");
}
