package dev.jtls.proxy.http;

/**
 * What the listeners report, for metrics and the access log: a narrow seam so the network layer does
 * not depend on how they are kept. Called on event loops; implementations must not block.
 */
public interface ProxyEvents {
    ProxyEvents NONE = new ProxyEvents() {
    };

    default void connectionOpened(String listener) {
    }

    default void connectionClosed(String listener) {
    }

    /** A connection beyond the listener's limit was refused. */
    default void connectionRefused(String listener) {
    }

    default void handshakeCompleted(String listener, TlsFacts facts) {
    }

    /** @param reason the TLS alert's name, or a short cause ("timeout", "closed") */
    default void handshakeFailed(String listener, String reason) {
    }

    default void exchangeCompleted(ExchangeRecord record) {
    }
}
