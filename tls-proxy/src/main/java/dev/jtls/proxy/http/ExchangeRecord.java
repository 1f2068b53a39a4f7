package dev.jtls.proxy.http;

/**
 * One finished request, as the access log and the metrics see it.
 *
 * @param pool null when no route matched or the request was refused before routing
 * @param backend null when no back end was involved (400, 404, 503 …)
 * @param status the status sent to the client
 * @param bytesIn request body bytes; {@code bytesOut} response body bytes sent to the client
 * @param attempts back-end attempts (retries + 1; 0 when none)
 */
public record ExchangeRecord(
        String listener,
        String client,
        TlsFacts tls,
        String method,
        String target,
        String pool,
        String backend,
        int status,
        long bytesIn,
        long bytesOut,
        long nanos,
        int attempts) {
}
