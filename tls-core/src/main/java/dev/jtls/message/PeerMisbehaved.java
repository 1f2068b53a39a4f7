package dev.jtls.message;

import dev.jtls.record.AlertDescription;
import dev.jtls.record.Reason;

/**
 * The peer broke a rule of the protocol: a message out of order, a value the RFC forbids, a check
 * that fails, a downgrade. Each constant has its one alert in {@link #alert()}.
 */
public enum PeerMisbehaved implements Reason {
    /** A handshake message the current state does not accept, or of an unknown type. */
    UNEXPECTED_MESSAGE,
    /** A ChangeCipherSpec where none may come. */
    UNEXPECTED_CHANGE_CIPHER_SPEC,
    /** Application data before the handshake is finished. */
    UNEXPECTED_APPLICATION_DATA,
    /** A ChangeCipherSpec whose body is not the single byte 1. */
    BAD_CHANGE_CIPHER_SPEC,
    /** The peer's Finished verify_data does not match the handshake. */
    FINISHED_MISMATCH,
    /** A ServerKeyExchange or CertificateVerify signature that does not verify. */
    BAD_SIGNATURE,
    /** A signature with a scheme this side did not offer. */
    SIGNATURE_SCHEME_NOT_OFFERED,
    /** A signature with a scheme the certificate's key cannot make. */
    SIGNATURE_SCHEME_KEY_MISMATCH,
    /** The server chose a group the client did not offer. */
    GROUP_NOT_OFFERED,
    /** The server chose a cipher suite the client did not offer. */
    SUITE_NOT_OFFERED,
    /** The server chose a compression method the client did not offer. */
    COMPRESSION_NOT_OFFERED,
    /** The server chose an application protocol the client did not offer. */
    APPLICATION_PROTOCOL_NOT_OFFERED,
    /** The server answered an extension the client did not send. */
    UNSOLICITED_EXTENSION,
    /** The server answered max_fragment_length with another length than the one asked for. */
    MAX_FRAGMENT_LENGTH_MISMATCH,
    /** The server sent both max_fragment_length and record_size_limit. */
    MAX_FRAGMENT_LENGTH_WITH_RECORD_SIZE_LIMIT,
    /** The server acknowledged encrypt_then_mac for a suite that is not CBC. */
    ENCRYPT_THEN_MAC_NOT_CBC,
    /** A max_fragment_length value other than 1 to 4. */
    ILLEGAL_MAX_FRAGMENT_LENGTH,
    /** A record_size_limit below 64. */
    ILLEGAL_RECORD_SIZE_LIMIT,
    /** A server_name list with two host names. */
    DUPLICATE_SERVER_NAME,
    /** A host_name that is not a DNS name. */
    ILLEGAL_SERVER_NAME,
    /** ec_point_formats without the uncompressed format. */
    NO_UNCOMPRESSED_POINT_FORMAT,
    /** A ClientHello whose compression_methods lacks null. */
    NO_NULL_COMPRESSION,
    /** A ServerKeyExchange with explicit curve parameters instead of a named curve. */
    EXPLICIT_CURVE,
    /** An ECDHE public key that is not a valid point (or X25519 value) of its group. */
    INVALID_PUBLIC_KEY,
    /** A Certificate message with no certificate where one is required. */
    EMPTY_CERTIFICATE_LIST,
    /** A non-empty renegotiation_info on an initial handshake. */
    RENEGOTIATION_INFO_NOT_EMPTY,
    /** A client falling back to a lower version although this server speaks a higher one. */
    INAPPROPRIATE_FALLBACK,
    /** A resumption whose cipher suite or version is not the session's. */
    RESUMPTION_SUITE_MISMATCH,
    /** A resumption whose extended_master_secret use differs from the session's. */
    RESUMPTION_EXTENDED_MASTER_SECRET_MISMATCH,
    /** A session made with encrypt-then-MAC resumed without it. */
    ENCRYPT_THEN_MAC_DOWNGRADE;

    @Override
    public AlertDescription alert() {
        return switch (this) {
            // RFC 5246 §7.2.2 unexpected_message: "An inappropriate message was received". RFC 8446
            // §5 names it for a change_cipher_spec of another value than 1.
            case UNEXPECTED_MESSAGE, UNEXPECTED_CHANGE_CIPHER_SPEC, UNEXPECTED_APPLICATION_DATA,
                 BAD_CHANGE_CIPHER_SPEC -> AlertDescription.UNEXPECTED_MESSAGE;
            // RFC 5246 §7.2.2 decrypt_error: "failed to correctly verify a signature or validate a
            // Finished message".
            case FINISHED_MISMATCH, BAD_SIGNATURE -> AlertDescription.DECRYPT_ERROR;
            // RFC 8446 §6.2 illegal_parameter: "A field in the handshake was incorrect or
            // inconsistent with other fields". Named for a suite not offered (RFC 8446 §4.1.3), a
            // max_fragment_length not asked for or out of range (RFC 6066 §4), a record_size_limit
            // below 64 (RFC 8449 §4), both limits at once (RFC 8449 §5), ec_point_formats without
            // uncompressed (RFC 8422 §5.1.2), a resumed suite that is not the session's
            // (RFC 5246 §7.4.1.3) and a compression list without null (RFC 8446 §4.1.2).
            case SIGNATURE_SCHEME_NOT_OFFERED, SIGNATURE_SCHEME_KEY_MISMATCH, GROUP_NOT_OFFERED, SUITE_NOT_OFFERED,
                 COMPRESSION_NOT_OFFERED, APPLICATION_PROTOCOL_NOT_OFFERED, MAX_FRAGMENT_LENGTH_MISMATCH,
                 MAX_FRAGMENT_LENGTH_WITH_RECORD_SIZE_LIMIT, ENCRYPT_THEN_MAC_NOT_CBC, ILLEGAL_MAX_FRAGMENT_LENGTH,
                 ILLEGAL_RECORD_SIZE_LIMIT, DUPLICATE_SERVER_NAME, ILLEGAL_SERVER_NAME, NO_UNCOMPRESSED_POINT_FORMAT,
                 NO_NULL_COMPRESSION, EXPLICIT_CURVE, INVALID_PUBLIC_KEY, RESUMPTION_SUITE_MISMATCH ->
                    AlertDescription.ILLEGAL_PARAMETER;
            // RFC 5246 §7.4.1.4 and RFC 8446 §4.2: an extension in the ServerHello that the client
            // did not offer aborts "with an unsupported_extension alert".
            case UNSOLICITED_EXTENSION -> AlertDescription.UNSUPPORTED_EXTENSION;
            // RFC 8446 §4.4.2.4: "If the server supplies an empty Certificate message, the client
            // MUST abort the handshake with a decode_error alert."
            case EMPTY_CERTIFICATE_LIST -> AlertDescription.DECODE_ERROR;
            // RFC 5746 §3.4 / §3.6: a non-empty renegotiation_info on an initial handshake aborts
            // "by sending a fatal handshake_failure alert"; RFC 7627 §5.2 defines "abort the
            // handshake" as handshake_failure for the EMS checks of §5.3; RFC 7366 §3.1 treats the
            // loss of encrypt-then-MAC on resumption as a downgrade, refused the same way.
            case RENEGOTIATION_INFO_NOT_EMPTY, RESUMPTION_EXTENDED_MASTER_SECRET_MISMATCH, ENCRYPT_THEN_MAC_DOWNGRADE ->
                    AlertDescription.HANDSHAKE_FAILURE;
            // RFC 7507 §3: the server "MUST respond with a fatal inappropriate_fallback alert".
            case INAPPROPRIATE_FALLBACK -> AlertDescription.INAPPROPRIATE_FALLBACK;
        };
    }

    @Override
    public String kind() {
        return "peer misbehaved";
    }
}
