package dev.jtls.jsse;

import dev.jtls.config.TlsConfig;
import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.suite.CipherSuite;
import dev.jtls.session.ClientSessionCache;
import dev.jtls.session.ServerSessionCache;
import dev.jtls.session.TicketSealer;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * The jtls {@code SSLContext}: holds what {@code init} was given (the application's key manager,
 * trust manager and random) and what its engines share — the crypto backend, the client and server
 * session caches, the session-ticket keys, the {@link TlsConfig}s of the parameter sets its engines
 * use ({@link ConfigCache}) — and makes {@link JtlsSSLEngine}s.
 */
public final class JtlsSSLContext extends SSLContextSpi {
    static final String PROTOCOL = "TLSv1.2";

    private final boolean isDefault;
    private volatile State state;

    /** What init set up; replaced as a whole by a later init. */
    record State(X509KeyManager keyManager, X509TrustManager trustManager, CryptoProvider crypto,
                 ServerSessionCache serverCache, ClientSessionCache clientCache,
                 JtlsSSLSessionContext serverContext, JtlsSSLSessionContext clientContext,
                 boolean clientTickets, boolean serverTickets, ConfigCache configs) {
        /** The server's ticket sealer now (its keys can be changed: {@link JtlsSSLSessionContext#setTicketSecret}). */
        TicketSealer ticketSealer() {
            return serverContext.ticketSealer();
        }
    }

    public JtlsSSLContext() {
        this(false);
    }

    private JtlsSSLContext(boolean isDefault) {
        this.isDefault = isDefault;
    }

    /**
     * The "Default" context, already initialised as SunJSSE's is: the key manager of the
     * {@code javax.net.ssl.keyStore*} properties and jtls's trust manager over the
     * {@code javax.net.ssl.trustStore*} store ({@link SystemProperties}).
     */
    static JtlsSSLContext newDefault() throws NoSuchAlgorithmException {
        JtlsSSLContext c = new JtlsSSLContext(true);
        try {
            c.init(new KeyManager[] {SystemProperties.defaultKeyManager()}, null, null);
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new NoSuchAlgorithmException("cannot set up the default jtls SSLContext: " + e.getMessage(), e);
        }
        return c;
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) throws KeyManagementException {
        if (isDefault) {
            throw new KeyManagementException("the Default SSLContext is initialized automatically");
        }
        init(km, tm, random);
    }

    private void init(KeyManager[] km, TrustManager[] tm, SecureRandom random) throws KeyManagementException {
        // JSSE Reference Guide, SSLContext: a null KeyManager[] means no key material (the
        // javax.net.ssl.keyStore properties are for the "Default" context only); a null
        // TrustManager[] means the default trust material.
        X509KeyManager keyManager = first(km, X509KeyManager.class);
        X509TrustManager trustManager = first(tm, X509TrustManager.class);
        if (trustManager == null) {
            trustManager = defaultTrustManager();
        }
        CryptoProvider crypto = random == null ? CryptoProviders.defaults() : CryptoProviders.defaults(random);
        Clock clock = Clock.systemUTC();
        ServerSessionCache serverCache = new ServerSessionCache(clock);
        ClientSessionCache clientCache = new ClientSessionCache(clock);
        state = new State(keyManager, trustManager, crypto, serverCache, clientCache,
                JtlsSSLSessionContext.server(serverCache, crypto, clock), JtlsSSLSessionContext.client(clientCache),
                SystemProperties.sessionTickets(true), SystemProperties.sessionTickets(false), new ConfigCache());
    }

    private static <T> T first(Object[] managers, Class<T> type) {
        if (managers != null) {
            for (Object m : managers) {
                if (type.isInstance(m)) {
                    return type.cast(m);
                }
            }
        }
        return null;
    }

    /**
     * For {@code init(km, null, sr)}: jtls's own validator over the trust store SunJSSE would read
     * (javax.net.ssl.trustStore, else jssecacerts, else cacerts), whichever providers are installed.
     */
    private static X509TrustManager defaultTrustManager() throws KeyManagementException {
        try {
            return SystemProperties.trustManager();
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new KeyManagementException("cannot load the default trust store: " + e.getMessage(), e);
        }
    }

    State state() {
        State s = state;
        if (s == null) {
            throw new IllegalStateException("SSLContext is not initialized");
        }
        return s;
    }

    /**
     * An engine of this context for a peer (null host and port -1 for none): what the socket
     * factories of the SSLSocket adapter use as well.
     */
    JtlsSSLEngine createEngine(String host, int port) {
        return new JtlsSSLEngine(this, host, port);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
        return createEngine(null, -1);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
        return createEngine(host, port);
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
        // Blocking sockets over this context's engines (EngineSocket: one lock per direction).
        return new EngineSocketFactory(this::engineCreateSSLEngine);
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
        return new EngineServerSocketFactory(this::engineCreateSSLEngine);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
        return state().serverContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
        return state().clientContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
        return defaultParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
        return defaultParameters();
    }

    /** Every jtls suite's standard name, in jtls's order of preference; never handed out (SSLParameters copies). */
    private static final String[] SUITE_NAMES = suiteNames();
    private static final String[] PROTOCOLS = {PROTOCOL};

    /** Every jtls suite in jtls's order of preference, TLS 1.2 only. */
    static SSLParameters defaultParameters() {
        SSLParameters p = new SSLParameters(SUITE_NAMES, PROTOCOLS);
        // A jtls server follows its own order unless told otherwise (SuitePreference).
        p.setUseCipherSuitesOrder(true);
        return p;
    }

    static String[] supportedCipherSuites() {
        return SUITE_NAMES.clone();
    }

    private static String[] suiteNames() {
        List<CipherSuite> all = CipherSuite.defaultOrder();
        String[] names = new String[all.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = all.get(i).standardName();
        }
        return names;
    }
}
