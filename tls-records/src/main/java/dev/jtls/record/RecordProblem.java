package dev.jtls.record;

/** What the record layer refuses (RFC 5246 §6), or cannot go on with. */
public enum RecordProblem implements Reason {
    /** A protected record failed authentication (MAC, padding or AEAD tag). */
    BAD_RECORD_MAC,
    /** A record longer than RFC 5246 §6.2 allows (2^14 plaintext, 2^14 + 2048 ciphertext). */
    RECORD_OVERFLOW,
    /** A record's plaintext exceeds the record_size_limit this side advertised (RFC 8449 §4). */
    RECORD_SIZE_LIMIT_EXCEEDED,
    /** A content type TLS 1.2 does not define. */
    UNKNOWN_CONTENT_TYPE,
    /** The peer speaks plain HTTP to a TLS port (a special case of an unknown content type). */
    PLAIN_HTTP,
    /** A record version other than the negotiated one, or not {3,x} before that. */
    BAD_RECORD_VERSION,
    /** A ChangeCipherSpec between the fragments of a handshake message. */
    CHANGE_CIPHER_SPEC_INSIDE_HANDSHAKE,
    /** An empty handshake, alert or ChangeCipherSpec record. */
    EMPTY_RECORD,
    /** More empty records in a row than this side accepts. */
    TOO_MANY_EMPTY_RECORDS,
    /** More warning alerts in a row than this side accepts. */
    TOO_MANY_WARNING_ALERTS,
    /** The transport ended before the handshake did, with no close_notify. */
    TRUNCATED,
    /** The 64-bit sequence number would wrap. */
    SEQUENCE_NUMBER_EXHAUSTED;

    @Override
    public AlertDescription alert() {
        return switch (this) {
            // RFC 5246 §7.2.2 bad_record_mac: also for a bad CBC padding, so both look the same (§6.2.3.2).
            case BAD_RECORD_MAC -> AlertDescription.BAD_RECORD_MAC;
            // RFC 5246 §7.2.2 record_overflow; RFC 8449 §4: exceeding the advertised limit is
            // "a fatal record_overflow".
            case RECORD_OVERFLOW, RECORD_SIZE_LIMIT_EXCEEDED -> AlertDescription.RECORD_OVERFLOW;
            // RFC 5246 §6: "If a TLS implementation receives an unexpected record type, it MUST send
            // an unexpected_message alert."
            case UNKNOWN_CONTENT_TYPE, PLAIN_HTTP -> AlertDescription.UNEXPECTED_MESSAGE;
            // RFC 5246 §7.2.2 protocol_version: the record's version is not the one negotiated.
            case BAD_RECORD_VERSION -> AlertDescription.PROTOCOL_VERSION;
            // RFC 8446 §5.1: handshake messages "MUST NOT be interleaved with other record types";
            // RFC 5246 §6.2.1: zero-length fragments of these types "MUST NOT" be sent. An
            // inappropriate message: unexpected_message (RFC 5246 §7.2.2). The limits on empty
            // records and warnings in a row bound a peer that sends nothing else (RFC 5246 §6.2.1
            // lets empty application data through as a traffic-analysis countermeasure).
            case CHANGE_CIPHER_SPEC_INSIDE_HANDSHAKE, EMPTY_RECORD, TOO_MANY_EMPTY_RECORDS, TOO_MANY_WARNING_ALERTS ->
                    AlertDescription.UNEXPECTED_MESSAGE;
            // No alert names a transport that ended; the peer is most likely gone. RFC 5246 §6.1 asks
            // for a renegotiation before the sequence number wraps, which jtls does not do: neither
            // is the peer's input at fault, so internal_error (RFC 5246 §7.2.2).
            case TRUNCATED, SEQUENCE_NUMBER_EXHAUSTED -> AlertDescription.INTERNAL_ERROR;
        };
    }

    @Override
    public String kind() {
        return "record layer";
    }
}
