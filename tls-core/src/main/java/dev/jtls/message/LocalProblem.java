package dev.jtls.message;

import dev.jtls.record.AlertDescription;
import dev.jtls.record.Reason;

/**
 * This side cannot go on, whatever the peer sent: its configuration, its keys or an application
 * callback failed. Each constant has its one alert in {@link #alert()}.
 */
public enum LocalProblem implements Reason {
    /** The application's KeyManager threw. */
    KEY_MANAGER_FAILED,
    /** The application's TrustManager threw something other than a refusal. */
    TRUST_MANAGER_FAILED,
    /** The application's ALPN selector threw, or chose a protocol the client did not offer. */
    ALPN_SELECTOR_FAILED,
    /** This side's private key cannot make the signature the handshake needs. */
    SIGNING_FAILED,
    /** A session (or its client certificates) cannot be stored or restored. */
    SESSION_STATE_FAILED,
    /** The application gave no host name (or an invalid one) where the certificate must be checked against one. */
    NO_HOST_NAME,
    /** No trust anchors or verifier are configured, so no certificate can be accepted. */
    NO_TRUST_CONFIGURED,
    /** No session can be resumed and the configuration forbids new ones. */
    NEW_SESSIONS_DISABLED;

    @Override
    public AlertDescription alert() {
        return switch (this) {
            // RFC 5246 §7.2.2 internal_error: "An internal error unrelated to the peer or the
            // correctness of the protocol ... makes it impossible to continue."
            case KEY_MANAGER_FAILED, TRUST_MANAGER_FAILED, ALPN_SELECTOR_FAILED, SIGNING_FAILED, SESSION_STATE_FAILED,
                 NO_HOST_NAME -> AlertDescription.INTERNAL_ERROR;
            // RFC 5246 §7.2.2 unknown_ca: the chain "was not accepted because the CA certificate could
            // not be located or couldn't be matched with a known, trusted CA" — with no trust at all,
            // none can be.
            case NO_TRUST_CONFIGURED -> AlertDescription.UNKNOWN_CA;
            // RFC 5246 §7.2.2 handshake_failure: no acceptable parameters "given the options available".
            case NEW_SESSIONS_DISABLED -> AlertDescription.HANDSHAKE_FAILURE;
        };
    }

    @Override
    public String kind() {
        return "local problem";
    }
}
