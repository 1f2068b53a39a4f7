package dev.jtls.record;

/**
 * Bytes that do not decode as the structure the RFC defines: the reader's reasons, shared by every
 * codec (record headers, alerts, handshake messages and their extensions).
 */
public enum InvalidMessage implements Reason {
    /** A field or vector runs past the end of its enclosing structure. */
    TRUNCATED,
    /** Bytes left over after the structure ended. */
    TRAILING_DATA,
    /** A length outside the bounds the RFC gives the vector, or not a whole number of its items. */
    BAD_LENGTH,
    /** A field holds a value its type does not define (an alert level other than 1 or 2, ...). */
    VALUE_OUT_OF_RANGE,
    /** A handshake message longer than this side accepts. */
    MESSAGE_TOO_LONG,
    /** The same extension twice in one extension block. */
    DUPLICATE_EXTENSION;

    @Override
    public AlertDescription alert() {
        return switch (this) {
            // RFC 5246 §7.2.2 decode_error: "some field was out of the specified range or the length
            // of the message was incorrect".
            case TRUNCATED, TRAILING_DATA, BAD_LENGTH, VALUE_OUT_OF_RANGE, MESSAGE_TOO_LONG ->
                    AlertDescription.DECODE_ERROR;
            // RFC 5246 §7.4.1.4 / RFC 8446 §4.2: "There MUST NOT be more than one extension of the
            // same type"; a block that breaks it is decodable but inconsistent (RFC 8446 §6.2
            // illegal_parameter: "a field in the handshake was incorrect or inconsistent").
            case DUPLICATE_EXTENSION -> AlertDescription.ILLEGAL_PARAMETER;
        };
    }

    @Override
    public String kind() {
        return "invalid message";
    }
}
