package dev.jtls.proxy.http;

import java.net.InetSocketAddress;

/**
 * One finished request, as the access log and the metrics see it.
 *
 * @param pool null when no route matched or the request was refused before routing
 * @param backend null when no back end was involved (400, 404, 503 …)
 * @param status the status sent to the client
 * @param bytesIn request body bytes; {@code bytesOut} response body bytes sent to the client
 * @param method null when the request could not be read (408)
 * @param nanos from the whole request being in to the response's last byte
 * @param backendNanos from writing to the back end to the response's last byte; -1: no back end answered
 * @param attempts back-end attempts (retries + 1; 0 when none)
 */
public record ExchangeRecord(
        String listener,
        InetSocketAddress client,
        TlsFacts tls,
        String method,
        String target,
        String pool,
        String backend,
        int status,
        long bytesIn,
        long bytesOut,
        long nanos,
        long backendNanos,
        int attempts) {
}
