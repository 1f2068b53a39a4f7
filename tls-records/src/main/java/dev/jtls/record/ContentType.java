package dev.jtls.record;

/** RFC 5246 §6.2.1: ContentType. Only these four exist in TLS 1.2 without extensions jtls supports. */
public enum ContentType {
    CHANGE_CIPHER_SPEC(20),
    ALERT(21),
    HANDSHAKE(22),
    APPLICATION_DATA(23);

    private final int code;

    ContentType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** True for the four codes of {@link #values()} (20 to 23). */
    public static boolean isKnown(int code) {
        return code >= CHANGE_CIPHER_SPEC.code && code <= APPLICATION_DATA.code;
    }

    /**
     * @throws TlsAlertException unexpected_message for any other value (RFC 5246 §6: "If a TLS
     *                           implementation receives an unexpected record type, it MUST send an
     *                           unexpected_message alert.")
     */
    public static ContentType fromCode(int code) {
        switch (code) {
            case 20:
                return CHANGE_CIPHER_SPEC;
            case 21:
                return ALERT;
            case 22:
                return HANDSHAKE;
            case 23:
                return APPLICATION_DATA;
            default:
                throw new TlsAlertException(RecordProblem.UNKNOWN_CONTENT_TYPE, "unknown record content type " + code);
        }
    }
}
