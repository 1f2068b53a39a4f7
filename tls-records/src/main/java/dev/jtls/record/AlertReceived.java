package dev.jtls.record;

import java.util.Objects;

/**
 * The peer ended the connection with a fatal alert. It is recorded as the connection's failure but
 * never answered (RFC 5246 §7.2: after a fatal alert both parties forget the connection), so
 * {@link #alert()} is the peer's own alert, kept for the application to read.
 */
public record AlertReceived(AlertDescription description) implements Reason {
    public AlertReceived {
        Objects.requireNonNull(description);
    }

    @Override
    public AlertDescription alert() {
        return description;
    }

    @Override
    public String kind() {
        return "peer aborted";
    }

    @Override
    public String name() {
        return "ALERT_RECEIVED";
    }
}
