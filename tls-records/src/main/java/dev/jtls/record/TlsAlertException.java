package dev.jtls.record;

import java.util.Objects;

/**
 * A protocol failure: its {@link Reason} (which says the alert to send) and a detail a person can
 * act on. The message is the reason's kind, then the detail: "peer incompatible: the client accepts
 * only SHA-1 signatures ...". It never contains key material, plaintext or MAC values.
 *
 * <p>Unchecked on purpose: decoders are composed through {@code Function<TlsReader, T>} lambdas
 * ({@link TlsReader#readAll}) and a checked exception would have to be wrapped at every step. The
 * connection catches it in exactly one place, sends the alert and closes; the type is the only
 * exception a parser or the record layer lets out for bad input. Not final: a layer may carry
 * more detail in a subclass (e.g. the certificate validator says which certificate and which rule).
 */
public class TlsAlertException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Reason reason;
    private final AlertDescription description;
    private final String detail;

    public TlsAlertException(Reason reason, String detail) {
        this(reason, detail, null);
    }

    public TlsAlertException(Reason reason, String detail, Throwable cause) {
        super(reason.kind() + ": " + detail, cause);
        this.reason = reason;
        this.description = Objects.requireNonNull(reason.alert(), reason::name);
        this.detail = detail;
    }

    /** Why the connection failed. */
    public Reason reason() {
        return reason;
    }

    /** The message without the reason's kind in front. */
    public String detail() {
        return detail;
    }

    /** The alert description of {@link #reason()}. */
    public AlertDescription description() {
        return description;
    }

    /** The alert to send: always fatal. */
    public Alert alert() {
        return new Alert(AlertLevel.FATAL, description);
    }

    @Override
    public String toString() {
        String r = reason == null ? "" : " " + reason.getClass().getSimpleName() + "." + reason.name();
        return "TlsAlertException[" + description.rfcName() + r + "]: " + getMessage();
    }
}
