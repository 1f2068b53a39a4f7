package dev.jtls.pki;

import dev.jtls.record.AlertDescription;
import dev.jtls.record.Reason;

/**
 * Why a certificate chain was refused, each with the one alert it is reported with (RFC 5246
 * §7.2.2). The choice follows what the alerts say: unknown_ca when no trusted path exists or a
 * certificate in it may not act as a CA, certificate_expired for the validity period,
 * unsupported_certificate when the certificate is of a kind or use we do not accept, bad_certificate
 * for a certificate that is corrupt, badly signed or breaks a rule it states itself.
 */
public enum ChainProblem implements Reason {
    /** Not decodable, or DER that breaks the encoding rules. */
    MALFORMED,
    /** Breaks an RFC 5280 profile rule (AKI/SKI, serial number, duplicate extension, version...). */
    PROFILE,
    /** The issuer's signature over the certificate does not verify. */
    BAD_SIGNATURE,
    /** Outside its validity period: expired. */
    EXPIRED,
    /** Outside its validity period: not yet valid. */
    NOT_YET_VALID,
    /** No path from the chain to a trust anchor. */
    UNKNOWN_ISSUER,
    /** A certificate used as an issuer is not a CA (basicConstraints, keyCertSign). */
    NOT_A_CA,
    /** basicConstraints pathLenConstraint or the configured maximum depth exceeded. */
    PATH_TOO_LONG,
    /** Path building gave up after its bound on work (candidate issuers, signature checks). */
    WORK_LIMIT,
    /** keyUsage does not allow what the certificate is used for. */
    KEY_USAGE,
    /** extendedKeyUsage does not allow serverAuth / clientAuth. */
    EXTENDED_KEY_USAGE,
    /** A name outside what an issuer's nameConstraints permit, or inside what they exclude. */
    NAME_CONSTRAINTS,
    /** A critical extension we do not process (RFC 5280 §4.2). */
    UNKNOWN_CRITICAL_EXTENSION,
    /** An algorithm or key the policy refuses (MD5, SHA-1, RSA < 2048, DSA, unsupported curve). */
    WEAK_ALGORITHM,
    /** The leaf does not name the host the client dialled (RFC 6125 / RFC 9525). */
    HOST_MISMATCH,
    /** A valid OCSP response or CRL says the certificate is revoked. */
    REVOKED,
    /**
     * A CRL of the certificate's issuer that applies to it cannot be used (bad signature, stale, an
     * unsupported delta or indirect CRL, an unknown critical extension): certificate_unknown, as its
     * status cannot be established.
     */
    BAD_CRL,
    /** CRL checking is required and no usable CRL covers the certificate. */
    REVOCATION_UNKNOWN,
    /** A stapled OCSP response that is invalid, stale, for another certificate or badly signed. */
    BAD_STATUS_RESPONSE,
    /** Hard-fail revocation policy and no usable status. */
    STATUS_UNKNOWN,
    /** More certificates in the chain than this side accepts. */
    TOO_MANY_CERTIFICATES,
    /** The application's TrustManager refused the chain without saying why in terms jtls can map. */
    REFUSED;

    @Override
    public AlertDescription alert() {
        return switch (this) {
            // bad_certificate: "A certificate was corrupt, contained signatures that did not verify
            // correctly, etc." A chain longer than the limit is refused as a whole, the same way.
            case MALFORMED, PROFILE, BAD_SIGNATURE, NAME_CONSTRAINTS, HOST_MISMATCH, TOO_MANY_CERTIFICATES ->
                    AlertDescription.BAD_CERTIFICATE;
            // certificate_expired: "A certificate has expired or is not currently valid."
            case EXPIRED, NOT_YET_VALID -> AlertDescription.CERTIFICATE_EXPIRED;
            // unknown_ca: "the CA certificate could not be located or couldn't be matched with a
            // known, trusted CA".
            case UNKNOWN_ISSUER, NOT_A_CA, PATH_TOO_LONG, WORK_LIMIT -> AlertDescription.UNKNOWN_CA;
            // unsupported_certificate: "A certificate was of an unsupported type."
            case KEY_USAGE, EXTENDED_KEY_USAGE, UNKNOWN_CRITICAL_EXTENSION, WEAK_ALGORITHM ->
                    AlertDescription.UNSUPPORTED_CERTIFICATE;
            case REVOKED -> AlertDescription.CERTIFICATE_REVOKED;
            // certificate_unknown: "Some other (unspecified) issue arose in processing the
            // certificate, rendering it unacceptable."
            case BAD_CRL, REVOCATION_UNKNOWN, REFUSED -> AlertDescription.CERTIFICATE_UNKNOWN;
            // RFC 6066 §8: bad_certificate_status_response for a status response that cannot be used.
            case BAD_STATUS_RESPONSE, STATUS_UNKNOWN -> AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE;
        };
    }

    @Override
    public String kind() {
        return "certificate refused";
    }
}
