package dev.jtls.jsse;

import dev.jtls.record.AlertDescription;
import dev.jtls.record.TlsAlertException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** The exceptions the engine throws: a protocol failure as JSSE callers expect it, and truncation. */
final class EngineExceptions {
    static final String TRUNCATION = "inbound closed before receiving peer's close_notify: possible truncation attack";

    private EngineExceptions() {
    }

    /**
     * A protocol failure as {@link SSLHandshakeException} during the handshake and
     * {@link SSLException} after it, naming the alert when one was sent, with the failure as cause.
     */
    static SSLException of(TlsAlertException e, boolean handshaking, boolean alertSent) {
        String message = (alertSent ? "jtls sent a fatal " + alertName(e) + " alert: " : "") + e.getMessage();
        SSLException x = handshaking ? new SSLHandshakeException(message) : new SSLException(message);
        x.initCause(e);
        return x;
    }

    /** What closeInbound throws when no close_notify came (RFC 5246 §7.2.1). */
    static SSLException truncation() {
        return new TruncationException();
    }

    private static String alertName(TlsAlertException e) {
        return (e.description() == AlertDescription.UNKNOWN ? AlertDescription.INTERNAL_ERROR : e.description()).rfcName();
    }

    /**
     * Thrown after a peer's reset on every such connection of a busy server (Netty calls
     * closeInbound on channelInactive and logs it at debug): the message says all there is, and
     * the stack, always the same caller's, would cost more than the connection's close.
     */
    private static final class TruncationException extends SSLException {
        private static final long serialVersionUID = 1L;

        TruncationException() {
            super(TRUNCATION);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
