package dev.jtls.jsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.KeyManagementException;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionBindingEvent;
import javax.net.ssl.SSLSessionBindingListener;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

/** The provider, the context and the session objects as JSSE applications see them. */
class JtlsProviderTest {
    @Test
    void foundByServiceLoaderAndByName() throws Exception {
        List<String> names = new ArrayList<>();
        for (Provider p : ServiceLoader.load(Provider.class)) {
            names.add(p.getName());
        }
        assertThat(names).contains("jtls");
        Provider jtls = new JtlsProvider();
        for (String algorithm : List.of("TLS", "TLSv1.2", "Default")) {
            assertThat(SSLContext.getInstance(algorithm, jtls).getProvider().getName()).isEqualTo("jtls");
        }
        assertThat(SSLContext.getInstance("TLS", jtls).getProtocol()).isEqualTo("TLS");
    }

    @Test
    void defaultContextIsReadyAndRefusesInit() throws Exception {
        SSLContext def = SSLContext.getInstance("Default", new JtlsProvider());
        assertThatThrownBy(() -> def.init(null, null, null)).isInstanceOf(KeyManagementException.class);
        SSLEngine e = def.createSSLEngine("example.com", 443);
        assertThat(e).isInstanceOf(JtlsSSLEngine.class);
        assertThat(e.getEnabledProtocols()).containsExactly("TLSv1.2");
        assertThat(e.getSSLParameters().getServerNames()).hasSize(1);
    }

    @Test
    void contextParametersAndSocketFactories() throws Exception {
        SSLContext ctx = TestPki.jtlsServer();
        SSLParameters p = ctx.getDefaultSSLParameters();
        assertThat(p.getProtocols()).containsExactly("TLSv1.2");
        assertThat(p.getCipherSuites()).startsWith("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256").hasSize(20);
        assertThat(ctx.getSocketFactory()).isInstanceOf(EngineSocketFactory.class);
        assertThat(ctx.getSocketFactory().getDefaultCipherSuites()).isEqualTo(p.getCipherSuites());
        assertThat(ctx.getServerSocketFactory()).isInstanceOf(EngineServerSocketFactory.class);
        SSLEngine e = ctx.createSSLEngine();
        assertThatThrownBy(() -> e.setEnabledCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unsupported CipherSuite");
        assertThatThrownBy(() -> e.setEnabledProtocols(new String[] {"TLSv9"})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(100)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("mode");
        e.setUseClientMode(false);
        e.beginHandshake();
        assertThatThrownBy(() -> e.setUseClientMode(true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sessionContextIdsValuesTimeoutAndSize() throws Exception {
        SSLContext c = TestPki.jtlsClient();
        SSLContext s = TestPki.jtlsServer();
        EngineLink l = new EngineLink(c.createSSLEngine("localhost", 1), s.createSSLEngine());
        l.run();
        SSLSession session = l.client.getSession();
        byte[] id = session.getId();
        SSLSessionContext clientSessions = c.getClientSessionContext();
        assertThat(Collections.list(clientSessions.getIds())).containsExactly(id);
        assertThat(clientSessions.getSession(id)).isSameAs(session);
        assertThat(session.getSessionContext()).isSameAs(clientSessions);
        assertThat(s.getServerSessionContext().getSession(id)).isSameAs(l.server.getSession());
        assertThat(session.getPeerHost()).isEqualTo("localhost");
        assertThat(session.getPeerPort()).isEqualTo(1);
        assertThat(session.isValid()).isTrue();
        assertThat(session.getCreationTime()).isLessThanOrEqualTo(session.getLastAccessedTime());
        assertThat(session.getPacketBufferSize()).isEqualTo(l.client.getSession().getPacketBufferSize());

        List<String> events = new ArrayList<>();
        SSLSessionBindingListener listener = new SSLSessionBindingListener() {
            @Override
            public void valueBound(SSLSessionBindingEvent event) {
                events.add("bound " + event.getName() + " " + (event.getSession() == session));
            }

            @Override
            public void valueUnbound(SSLSessionBindingEvent event) {
                events.add("unbound " + event.getName());
            }
        };
        session.putValue("x", listener);
        assertThat(session.getValueNames()).containsExactly("x");
        session.putValue("x", "replacement");
        session.removeValue("x");
        assertThat(events).containsExactly("bound x true", "unbound x");
        assertThat(session.getValue("x")).isNull();

        clientSessions.setSessionCacheSize(7);
        assertThat(clientSessions.getSessionCacheSize()).isEqualTo(7);
        clientSessions.setSessionTimeout(1);
        assertThat(clientSessions.getSessionTimeout()).isEqualTo(1);
        Thread.sleep(1100);
        assertThat(clientSessions.getSession(id)).isNull();
        assertThat(session.isValid()).isFalse();
        // Expired: not offered again.
        EngineLink again = new EngineLink(c.createSSLEngine("localhost", 1), s.createSSLEngine());
        again.run();
        assertThat(again.client.getSession().getId()).isNotEqualTo(id);
        assertThatThrownBy(() -> clientSessions.setSessionTimeout(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Key and trust managers see the handshake session while the handshake runs, with the peer's host and port. */
    @Test
    void trustManagerSeesTheHandshakeSession() throws Exception {
        X509ExtendedTrustManager inner = (X509ExtendedTrustManager) TestPki.trustManagers(TestPki.TRUST)[0];
        List<String> seen = new ArrayList<>();
        X509ExtendedTrustManager spy = new X509ExtendedTrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                    throws CertificateException {
                SSLSession hs = engine.getHandshakeSession();
                seen.add(authType + " " + hs.getPeerHost() + ":" + hs.getPeerPort() + " " + hs.getProtocol());
                inner.checkServerTrusted(chain, authType, engine);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket s) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket s) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException();
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return inner.getAcceptedIssuers();
            }
        };
        SSLContext c = SSLContext.getInstance("TLSv1.2", new JtlsProvider());
        c.init(null, new TrustManager[] {spy}, null);
        for (String suite : List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_RSA_WITH_AES_128_GCM_SHA256")) {
            SSLEngine client = c.createSSLEngine("localhost", 4433 + seen.size());
            client.setEnabledCipherSuites(new String[] {suite});
            EngineLink l = new EngineLink(client, TestPki.sunServer().createSSLEngine());
            l.run();
            assertThat(client.getSession().getCipherSuite()).isEqualTo(suite);
            assertThat(client.getHandshakeSession()).isNull();
        }
        assertThat(seen).containsExactly("ECDHE_ECDSA localhost:4433 TLSv1.2", "ECDHE_RSA localhost:4434 TLSv1.2",
                "RSA localhost:4435 TLSv1.2");
    }

    @Test
    void maximumPacketSizeBoundsTheRecords() throws Exception {
        EngineLink l = new EngineLink(TestPki.jtlsClient().createSSLEngine("localhost", 443),
                TestPki.sunServer().createSSLEngine());
        SSLParameters p = l.client.getSSLParameters();
        p.setMaximumPacketSize(1000);
        l.client.setSSLParameters(p);
        assertThat(l.client.getSSLParameters().getMaximumPacketSize()).isEqualTo(1000);
        l.run();
        ByteBuffer src = ByteBuffer.wrap(new byte[5000]);
        ByteBuffer net = ByteBuffer.allocate(20000);
        SSLEngineResult r = l.client.wrap(src, net);
        assertThat(r.bytesProduced()).isLessThanOrEqualTo(1000);
        assertThat(r.bytesConsumed()).isBetween(900, 1000);
    }

    @Test
    void plainTrustManagerIsEnough() throws Exception {
        X509TrustManager inner = (X509TrustManager) TestPki.trustManagers(TestPki.TRUST)[0];
        List<String> authTypes = new ArrayList<>();
        X509TrustManager plain = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                authTypes.add("client " + authType);
                inner.checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                authTypes.add("server " + authType);
                inner.checkServerTrusted(chain, authType);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return inner.getAcceptedIssuers();
            }
        };
        SSLContext server = SSLContext.getInstance("TLSv1.2", new JtlsProvider());
        server.init(TestPki.keyManagers(TestPki.SERVER_KEYS), new TrustManager[] {plain}, null);
        EngineLink l = new EngineLink(TestPki.sunClient().createSSLEngine("localhost", 443), server.createSSLEngine());
        l.server.setNeedClientAuth(true);
        l.run();
        assertThat(authTypes).containsExactly("client EC");
        assertThat(l.server.getSession().getPeerCertificates()[0]).isEqualTo(TestPki.CLIENT_EC.certificate());
    }
}
