package dev.jtls.proxy.http;

import dev.jtls.proxy.balance.BackendState;
import java.time.Instant;

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

    /**
     * A back end changed state (health checks, passive ejection, admin). By default one line on
     * standard error: state changes are rare and an operator wants each of them.
     */
    default void backendStateChanged(String pool, String backend, BackendState.Status from, BackendState.Status to,
                                     String reason) {
        System.err.printf("%s jtls proxy: pool %s: back end %s %s -> %s (%s)%n", Instant.now(), pool, backend, from, to,
                reason);
    }
}
