package dev.jtls.pki;

import dev.jtls.record.AlertDescription;

/**
 * Why a certificate chain was refused, each with the one alert it is reported with (RFC 5246
 * §7.2.2). The choice follows what the alerts say: unknown_ca when no trusted path exists or a
 * certificate in it may not act as a CA, certificate_expired for the validity period,
 * unsupported_certificate when the certificate is of a kind or use we do not accept, bad_certificate
 * for a certificate that is corrupt, badly signed or breaks a rule it states itself.
 */
public enum ChainProblem {
    /** Not decodable, or DER that breaks the encoding rules. */
    MALFORMED(AlertDescription.BAD_CERTIFICATE),
    /** Breaks an RFC 5280 profile rule (AKI/SKI, serial number, duplicate extension, version...). */
    PROFILE(AlertDescription.BAD_CERTIFICATE),
    /** The issuer's signature over the certificate does not verify. */
    BAD_SIGNATURE(AlertDescription.BAD_CERTIFICATE),
    /** Outside its validity period: expired. */
    EXPIRED(AlertDescription.CERTIFICATE_EXPIRED),
    /** Outside its validity period: not yet valid. */
    NOT_YET_VALID(AlertDescription.CERTIFICATE_EXPIRED),
    /** No path from the chain to a trust anchor. */
    UNKNOWN_ISSUER(AlertDescription.UNKNOWN_CA),
    /** A certificate used as an issuer is not a CA (basicConstraints, keyCertSign). */
    NOT_A_CA(AlertDescription.UNKNOWN_CA),
    /** basicConstraints pathLenConstraint or the configured maximum depth exceeded. */
    PATH_TOO_LONG(AlertDescription.UNKNOWN_CA),
    /** Path building gave up after its bound on work (candidate issuers, signature checks). */
    WORK_LIMIT(AlertDescription.UNKNOWN_CA),
    /** keyUsage does not allow what the certificate is used for. */
    KEY_USAGE(AlertDescription.UNSUPPORTED_CERTIFICATE),
    /** extendedKeyUsage does not allow serverAuth / clientAuth. */
    EXTENDED_KEY_USAGE(AlertDescription.UNSUPPORTED_CERTIFICATE),
    /** A name outside what an issuer's nameConstraints permit, or inside what they exclude. */
    NAME_CONSTRAINTS(AlertDescription.BAD_CERTIFICATE),
    /** A critical extension we do not process (RFC 5280 §4.2). */
    UNKNOWN_CRITICAL_EXTENSION(AlertDescription.UNSUPPORTED_CERTIFICATE),
    /** An algorithm or key the policy refuses (MD5, SHA-1, RSA < 2048, DSA, unsupported curve). */
    WEAK_ALGORITHM(AlertDescription.UNSUPPORTED_CERTIFICATE),
    /** The leaf does not name the host the client dialled (RFC 6125 / RFC 9525). */
    HOST_MISMATCH(AlertDescription.BAD_CERTIFICATE),
    /** A valid OCSP response or CRL says the certificate is revoked. */
    REVOKED(AlertDescription.CERTIFICATE_REVOKED),
    /**
     * A CRL of the certificate's issuer that applies to it cannot be used (bad signature, stale, an
     * unsupported delta or indirect CRL, an unknown critical extension): certificate_unknown, as its
     * status cannot be established.
     */
    BAD_CRL(AlertDescription.CERTIFICATE_UNKNOWN),
    /** CRL checking is required and no usable CRL covers the certificate. */
    REVOCATION_UNKNOWN(AlertDescription.CERTIFICATE_UNKNOWN),
    /** A stapled OCSP response that is invalid, stale, for another certificate or badly signed. */
    BAD_STATUS_RESPONSE(AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE),
    /** Hard-fail revocation policy and no usable status. */
    STATUS_UNKNOWN(AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE);

    private final AlertDescription alert;

    ChainProblem(AlertDescription alert) {
        this.alert = alert;
    }

    public AlertDescription alert() {
        return alert;
    }
}
