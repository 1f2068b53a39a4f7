package dev.jtls.record;

import java.util.Objects;

/**
 * A protocol failure and the fatal alert to send for it. The message says what was wrong in words a
 * person can act on; it never contains key material, plaintext or MAC values.
 *
 * <p>Unchecked on purpose: decoders are composed through {@code Function<TlsReader, T>} lambdas
 * ({@link TlsReader#readAll}) and a checked exception would have to be wrapped at every step. The
 * connection catches it in exactly one place, sends the alert and closes; the type is the only
 * exception a parser or the record layer lets out for bad input. Not final: a layer may carry
 * more detail in a subclass (e.g. the certificate validator says which certificate and which rule).
 */
public class TlsAlertException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final AlertDescription description;

    public TlsAlertException(AlertDescription description, String message) {
        super(message);
        this.description = Objects.requireNonNull(description);
    }

    public TlsAlertException(AlertDescription description, String message, Throwable cause) {
        super(message, cause);
        this.description = Objects.requireNonNull(description);
    }

    public AlertDescription description() {
        return description;
    }

    /** The alert to send: always fatal. */
    public Alert alert() {
        return new Alert(AlertLevel.FATAL, description);
    }

    @Override
    public String toString() {
        return "TlsAlertException[" + description.rfcName() + "]: " + getMessage();
    }
}
