package dev.jtls.record;

/** RFC 5246 §7.2: AlertLevel { warning(1), fatal(2) }. */
public enum AlertLevel {
    WARNING(1),
    FATAL(2);

    private final int code;

    AlertLevel(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * @throws TlsAlertException decode_error for any other value: RFC 5246 §7.2.2, "some field was
     *                           out of the specified range" (§7.2 defines only 1 and 2)
     */
    public static AlertLevel fromCode(int code) {
        if (code == 1) {
            return WARNING;
        }
        if (code == 2) {
            return FATAL;
        }
        throw new TlsAlertException(InvalidMessage.VALUE_OUT_OF_RANGE, "alert level " + code + " is neither warning(1) nor fatal(2)");
    }
}
