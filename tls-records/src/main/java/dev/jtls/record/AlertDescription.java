package dev.jtls.record;

/**
 * Alert descriptions: RFC 5246 §7.2 plus the later ones jtls may send or receive
 * (RFC 7507 inappropriate_fallback, RFC 6066/8446 extension alerts, RFC 7301 no_application_protocol).
 * Unknown codes received from a peer map to {@link #UNKNOWN} rather than failing, because a peer's
 * fatal alert must still close the connection (RFC 5246 §7.2: unknown alert types are treated as fatal
 * only by their level).
 */
public enum AlertDescription {
    CLOSE_NOTIFY(0),
    UNEXPECTED_MESSAGE(10),
    BAD_RECORD_MAC(20),
    DECRYPTION_FAILED_RESERVED(21),
    RECORD_OVERFLOW(22),
    DECOMPRESSION_FAILURE(30),
    HANDSHAKE_FAILURE(40),
    NO_CERTIFICATE_RESERVED(41),
    BAD_CERTIFICATE(42),
    UNSUPPORTED_CERTIFICATE(43),
    CERTIFICATE_REVOKED(44),
    CERTIFICATE_EXPIRED(45),
    CERTIFICATE_UNKNOWN(46),
    ILLEGAL_PARAMETER(47),
    UNKNOWN_CA(48),
    ACCESS_DENIED(49),
    DECODE_ERROR(50),
    DECRYPT_ERROR(51),
    EXPORT_RESTRICTION_RESERVED(60),
    PROTOCOL_VERSION(70),
    INSUFFICIENT_SECURITY(71),
    INTERNAL_ERROR(80),
    /** RFC 7507 §2. */
    INAPPROPRIATE_FALLBACK(86),
    USER_CANCELED(90),
    NO_RENEGOTIATION(100),
    /** RFC 8446 §6.2. */
    MISSING_EXTENSION(109),
    UNSUPPORTED_EXTENSION(110),
    /** RFC 6066 §9. */
    UNRECOGNIZED_NAME(112),
    BAD_CERTIFICATE_STATUS_RESPONSE(113),
    /** RFC 8446 §6.2. */
    CERTIFICATE_REQUIRED(116),
    /** RFC 7301 §3.2. */
    NO_APPLICATION_PROTOCOL(120),
    /** Any code this enum does not name; never sent. */
    UNKNOWN(-1);

    private static final AlertDescription[] BY_CODE = new AlertDescription[256];

    static {
        for (AlertDescription d : values()) {
            if (d.code >= 0) {
                BY_CODE[d.code] = d;
            }
        }
    }

    private final int code;

    AlertDescription(int code) {
        this.code = code;
    }

    /** The wire code, or -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    /** Never throws: codes outside the known set give {@link #UNKNOWN}. */
    public static AlertDescription fromCode(int code) {
        if (code < 0 || code > 255 || BY_CODE[code] == null) {
            return UNKNOWN;
        }
        return BY_CODE[code];
    }

    /** The RFC name, e.g. "bad_record_mac". */
    public String rfcName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
