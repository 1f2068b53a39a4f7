package dev.jtls.jsse;

import java.io.IOException;
import java.net.Socket;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;

/**
 * A listening socket whose {@link #accept()} returns server-mode {@link EngineSocket}s. Its settings
 * live on a template engine; each accepted connection gets a fresh engine with the same settings
 * (suites, protocols, client auth, ALPN, every {@link SSLParameters} field). The handshake runs on
 * the accepted socket's first I/O or {@code startHandshake()}, in the caller's thread.
 */
public final class EngineServerSocket extends SSLServerSocket {
    private final EngineSource source;
    private final SSLEngine template;

    /** Unbound; {@link #bind} it. */
    EngineServerSocket(EngineSource source) throws IOException {
        super();
        this.source = source;
        this.template = source.createEngine(null, -1);
        this.template.setUseClientMode(false);
    }

    @Override
    public Socket accept() throws IOException {
        Socket plain = new Socket();
        try {
            implAccept(plain);
            SSLEngine engine = source.createEngine(plain.getInetAddress().getHostAddress(), plain.getPort());
            synchronized (template) {
                EngineSettings.copy(template, engine);
            }
            return new EngineSocket(source, engine, plain, true, new byte[0]);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return template.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        template.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return template.getSupportedCipherSuites();
    }

    @Override
    public String[] getSupportedProtocols() {
        return template.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return template.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        template.setEnabledProtocols(protocols);
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        template.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return template.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        template.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return template.getWantClientAuth();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        template.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return template.getUseClientMode();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        template.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return template.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return template.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
        template.setSSLParameters(params);
    }

    @Override
    public String toString() {
        return "EngineServerSocket[" + super.toString() + "]";
    }
}
