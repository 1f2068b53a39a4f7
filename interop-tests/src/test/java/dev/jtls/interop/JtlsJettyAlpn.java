package dev.jtls.interop;

import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.alpn.server.ALPNServerConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.ALPNProcessor;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;

/**
 * Jetty's ALPN hook for the jtls engine. Jetty's own JDK processor ({@code jetty-alpn-java-server})
 * declines every engine outside the {@code java.base} module — BCJSSE's too — although the API it
 * drives is the standard {@link SSLEngine#setHandshakeApplicationProtocolSelector}. This processor
 * does the same through that standard API for jtls's engine; Jetty finds it through the ServiceLoader
 * ({@code META-INF/services/org.eclipse.jetty.io.ssl.ALPNProcessor$Server}). A Jetty user adopting
 * jtls with HTTP/2 adds these few lines; nothing else of Jetty changes.
 */
public final class JtlsJettyAlpn implements ALPNProcessor.Server {
    @Override
    public boolean appliesTo(SSLEngine engine) {
        return engine.getClass().getName().startsWith("dev.jtls.jsse.");
    }

    @Override
    public void configure(SSLEngine engine, Connection connection) {
        ALPNServerConnection alpn = (ALPNServerConnection) connection;
        Selector selector = new Selector(alpn);
        ((SslConnection.SslEndPoint) alpn.getEndPoint()).getSslConnection().addHandshakeListener(selector);
        engine.setHandshakeApplicationProtocolSelector(selector);
    }

    private static final class Selector implements BiFunction<SSLEngine, List<String>, String>, SslHandshakeListener {
        private final ALPNServerConnection connection;

        Selector(ALPNServerConnection connection) {
            this.connection = connection;
        }

        @Override
        public String apply(SSLEngine engine, List<String> offered) {
            // RFC 7301 §3.2: the server picks; Jetty's connection knows its protocols and order.
            connection.select(offered);
            return connection.getProtocol();
        }

        @Override
        public void handshakeSucceeded(Event event) {
            if (connection.getProtocol() == null) {
                // The client sent no ALPN: Jetty falls back to its default protocol.
                connection.unsupported();
            }
        }
    }
}
