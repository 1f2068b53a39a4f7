package dev.jtls.jsse;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;

/**
 * {@link SSLSocketFactory} of {@link EngineSocket}s: client sockets (connected, unconnected, or
 * layered over the application's connected socket, as HttpsURLConnection does through a proxy) and
 * server-mode sockets layered over an accepted socket whose first bytes were already read.
 */
public final class EngineSocketFactory extends SSLSocketFactory {
    private final EngineSource source;

    public EngineSocketFactory(EngineSource source) {
        this.source = java.util.Objects.requireNonNull(source, "source");
    }

    /** The suites a new client socket enables: the client engine's defaults. */
    @Override
    public String[] getDefaultCipherSuites() {
        return clientEngine(null, -1).getEnabledCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return clientEngine(null, -1).getSupportedCipherSuites();
    }

    /** Unconnected: {@link Socket#connect} names the peer, whose host the engine then gets. */
    @Override
    public Socket createSocket() {
        return new EngineSocket(source);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connect(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connect(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connect(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return connect(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private Socket connect(InetSocketAddress peer, InetSocketAddress local) throws IOException {
        EngineSocket s = new EngineSocket(source);
        try {
            if (local != null) {
                s.bind(local);
            }
            s.connect(peer);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * A client socket over {@code s}, already connected to {@code host} (the name the engine is told,
     * for SNI and endpoint identification); closing it closes {@code s} only if {@code autoClose}.
     */
    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        java.util.Objects.requireNonNull(s, "s");
        String peer = host != null ? host
                : s.getInetAddress() == null ? null : new InetSocketAddress(s.getInetAddress(), port).getHostString();
        return new EngineSocket(source, clientEngine(peer, port), s, autoClose, new byte[0]);
    }

    /**
     * A server-mode socket over the accepted {@code s}, whose first bytes {@code consumed} (for
     * example a ClientHello read to choose a certificate by SNI) the engine reads before the rest.
     */
    @Override
    public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
        java.util.Objects.requireNonNull(s, "s");
        byte[] first = consumed == null ? new byte[0] : consumed.readNBytes(64 * 1024 + 1);
        if (first.length > 64 * 1024) {
            throw new IOException("more than 64 KiB of consumed bytes: not the start of a TLS connection");
        }
        SSLEngine e = source.createEngine(s.getInetAddress() == null ? null : s.getInetAddress().getHostAddress(),
                s.getPort());
        e.setUseClientMode(false);
        return new EngineSocket(source, e, s, autoClose, first);
    }

    private SSLEngine clientEngine(String host, int port) {
        SSLEngine e = source.createEngine(host, port);
        e.setUseClientMode(true);
        return e;
    }
}
