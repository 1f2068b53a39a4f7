package dev.jtls.pki;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Fetches a CRL from a certificate's cRLDistributionPoints URI (RFC 5280 §4.2.1.13). Off unless the
 * application sets one on {@link CrlChecking#withFetcher}: validation then makes network requests
 * during a handshake, which a TLS library must never do unasked.
 */
@FunctionalInterface
public interface CrlFetcher {
    /**
     * The DER CertificateList at {@code uri}.
     *
     * @throws IOException when it cannot be had (the certificate's status then counts as unknown)
     */
    byte[] fetch(URI uri) throws IOException;

    /**
     * Plain HTTP GET (RFC 5280 §4.2.1.13: "http" URIs name a DER CRL; https and ldap are not used),
     * with {@code timeout} for connecting and for reading, at most {@code maxBytes} read, and no
     * redirects followed.
     */
    static CrlFetcher http(Duration timeout, int maxBytes) {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        return uri -> {
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
        };
    }
}
