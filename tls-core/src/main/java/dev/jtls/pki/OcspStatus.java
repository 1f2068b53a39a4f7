package dev.jtls.pki;

import java.time.Instant;
import java.util.Objects;

/**
 * What a valid OCSP response says about one certificate (RFC 6960 §4.2.1 CertStatus). Made by
 * {@link OcspResponseVerifier#verify}; an invalid response is never a status but a
 * {@link CertificateRejection} of kind {@link ChainProblem#BAD_STATUS_RESPONSE}.
 */
public sealed interface OcspStatus permits OcspStatus.Good, OcspStatus.Revoked, OcspStatus.Unknown {
    /** The certificate is not revoked (RFC 6960 §2.2 "good"). */
    record Good() implements OcspStatus {
    }

    /**
     * The certificate is revoked.
     *
     * @param time   revocationTime
     * @param reason revocationReason, or null when the responder gave none
     */
    record Revoked(Instant time, Reason reason) implements OcspStatus {
        public Revoked {
            Objects.requireNonNull(time, "time");
        }
    }

    /** The responder does not know the certificate (RFC 6960 §2.2 "unknown"). */
    record Unknown() implements OcspStatus {
    }

    /** RFC 5280 §5.3.1 CRLReason (value 7 is not used). */
    enum Reason {
        UNSPECIFIED(0), KEY_COMPROMISE(1), CA_COMPROMISE(2), AFFILIATION_CHANGED(3), SUPERSEDED(4),
        CESSATION_OF_OPERATION(5), CERTIFICATE_HOLD(6), REMOVE_FROM_CRL(8), PRIVILEGE_WITHDRAWN(9),
        AA_COMPROMISE(10);

        private final int code;

        Reason(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** The reason with this code, or null if there is none. */
        public static Reason of(int code) {
            for (Reason r : values()) {
                if (r.code == code) {
                    return r;
                }
            }
            return null;
        }
    }
}
