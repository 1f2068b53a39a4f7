package dev.jtls.jsse;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * Where the {@code Engine*} sockets get their {@link SSLEngine}s: one fresh engine per connection,
 * in the source's default configuration (the socket sets the mode and copies its settings onto it).
 *
 * <p>The sockets use nothing but the {@link SSLEngine} javadoc contract, so any engine works: the
 * JDK's ({@code EngineSource.of(SSLContext.getInstance("TLSv1.2"))}) or jtls's, for example from an
 * {@code SSLContextSpi}: {@code new EngineSocketFactory(this::engineCreateSSLEngine)}.
 */
@FunctionalInterface
public interface EngineSource {
    /**
     * A new engine for a connection to {@code peerHost}:{@code peerPort} ({@code null} and {@code -1}
     * when not known, for example for a socket not yet connected or a server's accepted one). The host
     * is the name the application asked for, so the engine may use it for SNI and session resumption.
     */
    SSLEngine createEngine(String peerHost, int peerPort);

    /** The engines of an initialised {@link SSLContext}. */
    static EngineSource of(SSLContext context) {
        return context::createSSLEngine;
    }
}
