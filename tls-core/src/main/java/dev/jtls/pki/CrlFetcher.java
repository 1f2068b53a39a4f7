package dev.jtls.pki;

import java.io.IOException;
import java.net.URI;

/**
 * Fetches a CRL from a certificate's cRLDistributionPoints URI (RFC 5280 §4.2.1.13). Off unless the
 * application sets one on {@link CrlChecking#withFetcher}: validation then makes network requests
 * during a handshake, which a TLS library must never do unasked. This module opens no connection of
 * its own: the application does the fetch (jtls's command line has a plain-HTTP one behind
 * {@code jtls client --crl-fetch}) and hands back the bytes, which are parsed and judged here like
 * any other CRL.
 */
@FunctionalInterface
public interface CrlFetcher {
    /**
     * The DER CertificateList at {@code uri}.
     *
     * @throws IOException when it cannot be had (the certificate's status then counts as unknown)
     */
    byte[] fetch(URI uri) throws IOException;
}
