package dev.jtls.pki;

/**
 * What a client does when the server's certificate status is not known for certain. In both, a
 * stapled response that is present but invalid (malformed, badly signed, stale, for another
 * certificate) fails the handshake with bad_certificate_status_response: RFC 6066 §8 "Clients
 * requesting an OCSP response and receiving an OCSP response in a CertificateStatus message MUST
 * check the OCSP response and abort the handshake if the response is not satisfactory", and a
 * valid "revoked" answer fails it with certificate_revoked.
 */
public enum RevocationPolicy {
    /**
     * The default, as browsers behave: no staple, or a valid staple saying "unknown", lets the
     * handshake go on (RFC 6066 §8: the server MAY omit CertificateStatus).
     */
    SOFT_FAIL,
    /**
     * No staple, or a valid staple saying "unknown", fails the handshake with {@link
     * ChainProblem#STATUS_UNKNOWN} (bad_certificate_status_response): for clients that must know
     * the certificate is not revoked (the server must staple, as with the "must staple" TLS feature
     * of RFC 7633).
     */
    HARD_FAIL
}
