package dev.jtls.cli;

import dev.jtls.pki.CrlFetcher;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code jtls client --crl-fetch}: a CRL from a distribution point by plain HTTP GET (RFC 5280
 * §4.2.1.13: "http" URIs name a DER CRL; https and ldap are not used), with a timeout for connecting
 * and for reading, at most {@code maxBytes} read, and no redirects followed. The network side of
 * tls-core's {@link CrlFetcher}, which itself opens no connection.
 */
final class HttpCrlFetcher implements CrlFetcher {
    private final int millis;
    private final int maxBytes;

    HttpCrlFetcher(Duration timeout, int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        this.maxBytes = maxBytes;
    }

    @Override
    public byte[] fetch(URI uri) throws IOException {
        if (!"http".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new IOException("only http CRL distribution points are fetched, not " + uri.getScheme());
        }
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(millis);
        c.setReadTimeout(millis);
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        try {
            if (c.getResponseCode() != HttpURLConnection.HTTP_OK) {
                throw new IOException("HTTP " + c.getResponseCode() + " from " + uri);
            }
            if (c.getContentLengthLong() > maxBytes) {
                throw new IOException("the CRL at " + uri + " is " + c.getContentLengthLong()
                        + " bytes; the cap is " + maxBytes);
            }
            try (InputStream in = c.getInputStream()) {
                byte[] body = in.readNBytes(maxBytes + 1);
                if (body.length > maxBytes) {
                    throw new IOException("the CRL at " + uri + " is over the cap of " + maxBytes + " bytes");
                }
                return body;
            }
        } finally {
            c.disconnect();
        }
    }
}
