package dev.jtls.jsse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;

/** {@link SSLServerSocketFactory} of {@link EngineServerSocket}s. */
public final class EngineServerSocketFactory extends SSLServerSocketFactory {
    private final EngineSource source;

    public EngineServerSocketFactory(EngineSource source) {
        this.source = java.util.Objects.requireNonNull(source, "source");
    }

    /** The suites a new server socket enables: the server engine's defaults. */
    @Override
    public String[] getDefaultCipherSuites() {
        return serverEngine().getEnabledCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return serverEngine().getSupportedCipherSuites();
    }

    private SSLEngine serverEngine() {
        SSLEngine e = source.createEngine(null, -1);
        e.setUseClientMode(false);
        return e;
    }

    /** Unbound. */
    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new EngineServerSocket(source);
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return createServerSocket(port, 50, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        return createServerSocket(port, backlog, null);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        EngineServerSocket s = new EngineServerSocket(source);
        try {
            s.bind(new InetSocketAddress(bindAddress, port), backlog);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }
}
