package dev.jtls.message;

import dev.jtls.record.AlertDescription;
import dev.jtls.record.Reason;

/**
 * The peer follows the protocol, but the two sides have nothing in common to agree on: a version, a
 * suite, a group, a signature scheme, a key, a name, an application protocol. Each constant has its
 * one alert in {@link #alert()}.
 */
public enum PeerIncompatible implements Reason {
    /** No protocol version both sides speak (jtls speaks TLS 1.2 only). */
    NO_COMMON_VERSION,
    /** The client's supported_versions offers TLS 1.3 only. */
    ONLY_TLS13,
    /** The client offers only TLS 1.3 cipher suites. */
    ONLY_TLS13_SUITES,
    /** No cipher suite both sides enable. */
    NO_COMMON_SUITE,
    /** The suites in common need another kind of certificate key than the server has. */
    KEY_TYPE_MISMATCH,
    /** The client accepts only SHA-1 signatures, which jtls refuses (RFC 9155). */
    ONLY_SHA1_SIGNATURES,
    /** No ECDHE group both sides enable. */
    NO_COMMON_GROUP,
    /** No signature scheme both sides accept that the server's key can make. */
    NO_COMMON_SIGNATURE_SCHEME,
    /** No application protocol both sides speak, and the server requires one. */
    NO_COMMON_APPLICATION_PROTOCOL,
    /** The server has no certificate for the name the client asked for. */
    UNRECOGNIZED_SERVER_NAME,
    /** The client sent no certificate, and the server requires one. */
    NO_CLIENT_CERTIFICATE,
    /** The server's certificate key does not fit the negotiated suite. */
    CERTIFICATE_KEY_MISMATCH,
    /** A certificate key of a type or size jtls cannot use. */
    UNSUPPORTED_CERTIFICATE_KEY;

    @Override
    public AlertDescription alert() {
        return switch (this) {
            // RFC 5246 §7.2.2 protocol_version: "the protocol version the client has attempted to
            // negotiate is recognized but not supported"; RFC 8446 §4.2.1 for supported_versions.
            case NO_COMMON_VERSION, ONLY_TLS13 -> AlertDescription.PROTOCOL_VERSION;
            // RFC 5246 §7.2.2 handshake_failure: "unable to negotiate an acceptable set of security
            // parameters given the options available"; RFC 5246 §7.4.1.3 (no suite), RFC 9155 §3
            // (SHA-1 only), RFC 5246 §7.4.6 (no client certificate: "respond with a fatal
            // handshake_failure alert").
            case ONLY_TLS13_SUITES, NO_COMMON_SUITE, KEY_TYPE_MISMATCH, ONLY_SHA1_SIGNATURES, NO_COMMON_GROUP,
                 NO_COMMON_SIGNATURE_SCHEME, NO_CLIENT_CERTIFICATE -> AlertDescription.HANDSHAKE_FAILURE;
            // RFC 7301 §3.2: "the server MUST respond with a fatal no_application_protocol alert".
            case NO_COMMON_APPLICATION_PROTOCOL -> AlertDescription.NO_APPLICATION_PROTOCOL;
            // RFC 6066 §3: a server that does not recognize the name may abort with unrecognized_name.
            case UNRECOGNIZED_SERVER_NAME -> AlertDescription.UNRECOGNIZED_NAME;
            // RFC 5246 §7.2.2 unsupported_certificate: "a certificate was of an unsupported type".
            case CERTIFICATE_KEY_MISMATCH, UNSUPPORTED_CERTIFICATE_KEY -> AlertDescription.UNSUPPORTED_CERTIFICATE;
        };
    }

    @Override
    public String kind() {
        return "peer incompatible";
    }
}
