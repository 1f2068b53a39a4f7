package dev.jtls.proxy.log;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * One proxied request, as the access log writes it. Strings may be null (written {@code -}); they are
 * escaped when written, so a request path or method carrying CR/LF, quotes or control characters
 * cannot forge a log line.
 *
 * @param client the real client (PROXY protocol's address when one was given)
 * @param sni the server_name the client sent, or null
 * @param suite the negotiated cipher suite (IANA name)
 * @param resumed whether the TLS session was resumed (abbreviated handshake)
 * @param backend null when no back end served the request
 * @param bytesIn request bytes received from the client (head and body)
 * @param bytesOut response bytes sent to the client
 * @param durationMillis from the request's first byte to the response's last
 */
public record AccessLogEntry(
        Instant time,
        InetSocketAddress client,
        String sni,
        String suite,
        boolean resumed,
        String listener,
        String pool,
        String backend,
        String method,
        String path,
        int status,
        long bytesIn,
        long bytesOut,
        long durationMillis) {
}
