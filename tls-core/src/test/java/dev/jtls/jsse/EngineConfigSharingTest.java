package dev.jtls.jsse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.config.ClientAuth;
import dev.jtls.session.TicketSecret;
import dev.jtls.suite.CipherSuite;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.Test;

/**
 * A context's engines share one TlsConfig per parameter set (built once, another when the
 * parameters differ), its key and trust manager adapters still call the application with the
 * engine whose handshake runs, and an engine keeps no session object beyond the one its context
 * shares, with the same answers as before.
 */
class EngineConfigSharingTest {
    private static final String ONE_SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

    private static JtlsSSLContext.State state(JtlsSSLContext c) throws Exception {
        c.engineInit(TestPki.keyManagers(TestPki.SERVER_KEYS), TestPki.trustManagers(TestPki.TRUST), new SecureRandom());
        return c.state();
    }

    @Test
    void sameParametersShareOneConfigurationAndChangedOnesGetAnother() throws Exception {
        JtlsSSLContext.State st = state(new JtlsSSLContext());
        SSLParameters p = JtlsSSLContext.defaultParameters();
        ConfigCache.Shared first = EngineConfigs.config(st, p, false, true, false);
        // Equal parameters in another object (a new engine, a new setSSLParameters): the same one.
        assertThat(EngineConfigs.config(st, EngineParameters.copy(p), false, true, false)).isSameAs(first);
        assertThat(st.configs().size()).isEqualTo(1);

        SSLParameters one = EngineParameters.copy(p);
        one.setCipherSuites(new String[] {ONE_SUITE});
        ConfigCache.Shared narrowed = EngineConfigs.config(st, one, false, true, false);
        assertThat(narrowed.config()).isNotSameAs(first.config());
        assertThat(narrowed.config().cipherSuites()).containsExactly(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);

        SSLParameters need = EngineParameters.copy(p);
        need.setNeedClientAuth(true);
        assertThat(EngineConfigs.config(st, need, false, true, false).config().clientAuth()).isEqualTo(ClientAuth.NEED);
        assertThat(first.config().clientAuth()).isEqualTo(ClientAuth.NONE);

        SSLParameters alpn = EngineParameters.copy(p);
        alpn.setApplicationProtocols(new String[] {"h2"});
        assertThat(EngineConfigs.config(st, alpn, true, true, false).config().alpnProtocols()).containsExactly("h2");
        assertThat(EngineConfigs.config(st, p, false, false, false).config().newSessionsAllowed()).isFalse();
        assertThat(first.config().newSessionsAllowed()).isTrue();
        assertThat(st.configs().size()).isEqualTo(5);
        // The names the handshake sessions report come with the configuration, made once.
        assertThat(first.localSignatureAlgorithms()).isNotEmpty()
                .isEqualTo(SignatureNames.jcaNames(first.config().signatureSchemes()));
    }

    @Test
    void aNewTicketSecretGivesServersAConfigurationWithTheNewKeys() throws Exception {
        JtlsSSLContext c = new JtlsSSLContext();
        JtlsSSLContext.State st = state(c);
        SSLParameters p = JtlsSSLContext.defaultParameters();
        ConfigCache.Shared before = EngineConfigs.config(st, p, false, true, false);
        assertThat(before.config().ticketSealer()).isSameAs(st.ticketSealer());
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        st.serverContext().setTicketSecret(TicketSecret.of(secret));
        ConfigCache.Shared after = EngineConfigs.config(st, p, false, true, false);
        assertThat(after).isNotSameAs(before);
        assertThat(after.config().ticketSealer()).isSameAs(st.ticketSealer()).isNotSameAs(before.config().ticketSealer());
    }

    @Test
    void theCacheStaysBounded() throws Exception {
        JtlsSSLContext.State st = state(new JtlsSSLContext());
        for (int i = 0; i < ConfigCache.MAX_ENTRIES * 2; i++) {
            SSLParameters p = JtlsSSLContext.defaultParameters();
            p.setApplicationProtocols(new String[] {"p" + i});
            EngineConfigs.config(st, p, true, true, false);
        }
        assertThat(st.configs().size()).isBetween(1, ConfigCache.MAX_ENTRIES);
    }

    /**
     * Each server engine's key manager calls get that engine (the trust manager's are checked in
     * JtlsProviderTest.trustManagerSeesTheHandshakeSession, through the handshake session it reads).
     */
    @Test
    void sharedAdaptersCallTheApplicationWithTheEngineWhoseHandshakeRuns() throws Exception {
        List<SSLEngine> keyCalls = new ArrayList<>();
        SSLContext server = SSLContext.getInstance("TLSv1.2", new JtlsProvider());
        server.init(new KeyManager[] {recording((X509ExtendedKeyManager) TestPki.keyManagers(TestPki.SERVER_KEYS)[0],
                keyCalls)}, TestPki.trustManagers(TestPki.TRUST), new SecureRandom());
        SSLContext client = TestPki.jtlsClient();
        List<SSLEngine> servers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // No peer: every handshake is a full one, so every one asks the key manager.
            EngineLink link = new EngineLink(client.createSSLEngine(), server.createSSLEngine());
            link.run();
            assertThat(link.server.getSession().getCipherSuite()).isNotEqualTo(JtlsSSLSession.NULL_SUITE);
            servers.add(link.server);
        }
        assertThat(servers).containsAll(keyCalls);
        for (SSLEngine s : servers) {
            assertThat(keyCalls).contains(s);
        }
    }

    @Test
    void aResumedEngineReportsTheContextsSessionAndKeepsNoOtherOne() throws Exception {
        SSLContext server = TestPki.jtlsServer();
        SSLContext client = TestPki.jtlsClient();
        EngineLink first = new EngineLink(client.createSSLEngine("localhost", 8443), server.createSSLEngine());
        first.run();

        SSLEngine c = client.createSSLEngine("localhost", 8443);
        SSLEngine s = server.createSSLEngine();
        // Asked for before the handshake, as Netty's SslHandler does for the buffer sizes.
        SSLSession beforeClient = c.getSession();
        SSLSession beforeServer = s.getSession();
        assertThat(beforeServer.isValid()).isFalse();
        assertThat(beforeServer.getCipherSuite()).isEqualTo(JtlsSSLSession.NULL_SUITE);
        EngineLink second = new EngineLink(c, s);
        second.run();

        SSLSession cs = c.getSession();
        SSLSession ss = s.getSession();
        assertThat(cs).isNotSameAs(beforeClient).isSameAs(first.client.getSession());
        assertThat(ss).isNotSameAs(beforeServer).isSameAs(first.server.getSession());
        assertThat(ss).isSameAs(server.getServerSessionContext().getSession(ss.getId()));
        assertThat(cs.isValid()).isTrue();
        assertThat(cs.getId()).isEqualTo(ss.getId()).isNotEmpty();
        assertThat(cs.getCipherSuite()).isEqualTo(ss.getCipherSuite()).isNotEqualTo(JtlsSSLSession.NULL_SUITE);
        assertThat(cs.getPeerHost()).isEqualTo("localhost");
        assertThat(cs.getPeerPort()).isEqualTo(8443);
        assertThat(((X509Certificate) cs.getPeerCertificates()[0]).getSubjectX500Principal().getName()).contains("localhost");
        assertThat(ss.getLocalCertificates()).isNotEmpty();
        assertThat(((JtlsSSLSession) cs).getLocalSupportedSignatureAlgorithms()).isNotEmpty();
        assertThat(c.getApplicationProtocol()).isEmpty();
    }

    private static X509ExtendedKeyManager recording(X509ExtendedKeyManager km, List<SSLEngine> calls) {
        return new X509ExtendedKeyManager() {
            @Override
            public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
                calls.add(engine);
                return km.chooseEngineServerAlias(keyType, issuers, engine);
            }

            @Override
            public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
                return km.chooseEngineClientAlias(keyType, issuers, engine);
            }

            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return km.getClientAliases(keyType, issuers);
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return km.chooseClientAlias(keyType, issuers, socket);
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return km.getServerAliases(keyType, issuers);
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return km.chooseServerAlias(keyType, issuers, socket);
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return km.getCertificateChain(alias);
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return km.getPrivateKey(alias);
            }
        };
    }
}
