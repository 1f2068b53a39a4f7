package dev.jtls.jsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SSLParameters and SSLSession features of the jtls engine, each against SunJSSE with jtls as
 * client ({@code true}) and as server ({@code false}): resumption through one SSLContext, client
 * authentication (need/want), ALPN, SNI, endpoint identification, trust failures.
 */
class JsseFeaturesTest {
    private static SSLContext clientCtx(boolean jtlsIsClient) {
        return jtlsIsClient ? TestPki.jtlsClient() : TestPki.sunClient();
    }

    private static SSLContext serverCtx(boolean jtlsIsClient) {
        return jtlsIsClient ? TestPki.sunServer() : TestPki.jtlsServer();
    }

    private static EngineLink link(SSLContext c, SSLContext s, String host) {
        return new EngineLink(c.createSSLEngine(host, 8443), s.createSSLEngine());
    }

    @ParameterizedTest(name = "jtls client: {0}")
    @ValueSource(booleans = {true, false})
    void resumesThroughTheSameContextAndNotAfterInvalidate(boolean jtlsIsClient) throws Exception {
        SSLContext c = clientCtx(jtlsIsClient);
        SSLContext s = serverCtx(jtlsIsClient);
        EngineLink first = link(c, s, "localhost");
        first.run();
        byte[] id = first.client.getSession().getId();
        assertThat(id).isNotEmpty();
        first.client.getSession().putValue("k", "v");

        EngineLink second = link(c, s, "localhost");
        second.run();
        // Abbreviated: no Certificate, no key exchange from the server. (By ticket, the server's
        // session id is the fresh one the client sent, RFC 5077 §3.4; the client keeps its session.)
        int chainLength = first.serverChainLength();
        assertThat(second.serverBytes()).isLessThan(first.serverBytes() - chainLength);
        assertThat(second.client.getSession().getId()).isEqualTo(id);
        assertThat(second.client.getSession().getValue("k")).isEqualTo("v");
        assertThat(second.client.getSession().getPeerCertificates()).isEqualTo(first.client.getSession().getPeerCertificates());
        assertThat(c.getClientSessionContext().getSession(id)).isNotNull();

        // Another port is another peer: no session to offer.
        EngineLink otherPort = new EngineLink(c.createSSLEngine("localhost", 9443), s.createSSLEngine());
        otherPort.run();
        assertThat(otherPort.client.getSession().getId()).isNotEqualTo(id);

        second.client.getSession().invalidate();
        assertThat(c.getClientSessionContext().getSession(id)).isNull();
        EngineLink third = link(c, s, "localhost");
        third.run();
        assertThat(third.client.getSession().getId()).isNotEqualTo(id);
        assertThat(third.serverBytes()).isGreaterThan(second.serverBytes() + chainLength);
        assertThat(third.client.getSession().getValue("k")).isNull();
    }

    @ParameterizedTest(name = "jtls client: {0}")
    @ValueSource(booleans = {true, false})
    void needClientAuthGetsTheClientCertificate(boolean jtlsIsClient) throws Exception {
        EngineLink l = link(clientCtx(jtlsIsClient), serverCtx(jtlsIsClient), "localhost");
        l.server.setNeedClientAuth(true);
        l.run();
        assertThat(l.server.getSession().getPeerCertificates()[0]).isEqualTo(TestPki.CLIENT_EC.certificate());
        assertThat(l.client.getSession().getLocalCertificates()[0]).isEqualTo(TestPki.CLIENT_EC.certificate());
        assertThat(l.server.getSession().getPeerPrincipal()).isEqualTo(TestPki.CLIENT_EC.certificate().getSubjectX500Principal());
    }

    @ParameterizedTest(name = "jtls client: {0}")
    @ValueSource(booleans = {true, false})
    void needClientAuthWithoutClientKeyFailsAndWantGoesOn(boolean jtlsIsClient) throws Exception {
        SSLContext noKeys = jtlsIsClient ? TestPki.jtls(List.of(), TestPki.TRUST) : TestPki.sun(List.of(), TestPki.TRUST);
        EngineLink need = link(noKeys, serverCtx(jtlsIsClient), "localhost");
        need.server.setNeedClientAuth(true);
        need.runExpectingFailure();
        assertThat(need.serverError).isInstanceOf(SSLHandshakeException.class);
        assertThat(need.clientError).isInstanceOf(SSLHandshakeException.class);
        if (jtlsIsClient) {
            // SunJSSE answers an empty Certificate with bad_certificate (17) or handshake_failure (25).
            assertThat(need.clientError.getMessage()).containsPattern("the peer sent a fatal (bad_certificate|handshake_failure) alert");
        } else {
            // RFC 5246 §7.4.6: no certificate from the client, and the server insists: handshake_failure.
            assertThat(need.serverError.getMessage()).contains("handshake_failure");
            assertThat(need.clientError.getMessage()).contains("handshake_failure");
        }

        EngineLink want = link(noKeys, serverCtx(jtlsIsClient), "localhost");
        want.server.setWantClientAuth(true);
        want.run();
        assertThat(want.server.getSession().getCipherSuite()).startsWith("TLS_");
        assertThatThrownBy(() -> want.server.getSession().getPeerCertificates()).isInstanceOf(SSLPeerUnverifiedException.class);
    }

    @ParameterizedTest(name = "jtls client: {0}")
    @ValueSource(booleans = {true, false})
    void alpnByListAndBySelector(boolean jtlsIsClient) throws Exception {
        EngineLink byList = link(clientCtx(jtlsIsClient), serverCtx(jtlsIsClient), "localhost");
        setAlpn(byList.client, "h2", "http/1.1");
        setAlpn(byList.server, "http/1.1", "h2");
        byList.run();
        assertThat(byList.client.getApplicationProtocol()).isEqualTo("http/1.1");
        assertThat(byList.server.getApplicationProtocol()).isEqualTo("http/1.1");

        EngineLink bySelector = link(clientCtx(jtlsIsClient), serverCtx(jtlsIsClient), "localhost");
        setAlpn(bySelector.client, "h2", "http/1.1");
        String[] seenDuringHandshake = new String[1];
        bySelector.server.setHandshakeApplicationProtocolSelector((engine, offered) -> {
            seenDuringHandshake[0] = String.join(",", offered);
            return "h2";
        });
        bySelector.run();
        assertThat(seenDuringHandshake[0]).isEqualTo("h2,http/1.1");
        assertThat(bySelector.client.getApplicationProtocol()).isEqualTo("h2");
        assertThat(bySelector.server.getApplicationProtocol()).isEqualTo("h2");

        EngineLink none = link(clientCtx(jtlsIsClient), serverCtx(jtlsIsClient), "localhost");
        none.run();
        assertThat(none.client.getApplicationProtocol()).isEmpty();
        assertThat(none.server.getApplicationProtocol()).isEmpty();

        EngineLink refused = link(clientCtx(jtlsIsClient), serverCtx(jtlsIsClient), "localhost");
        setAlpn(refused.client, "spdy/1");
        refused.server.setHandshakeApplicationProtocolSelector((engine, offered) -> null);
        refused.runExpectingFailure();
        assertThat(refused.clientError).isInstanceOf(SSLHandshakeException.class);
        assertThat(refused.serverError).isInstanceOf(SSLHandshakeException.class);
        assertThat((jtlsIsClient ? refused.clientError : refused.serverError).getMessage()).contains("no_application_protocol");
    }

    private static void setAlpn(SSLEngine e, String... protocols) {
        SSLParameters p = e.getSSLParameters();
        p.setApplicationProtocols(protocols);
        e.setSSLParameters(p);
    }

    @ParameterizedTest(name = "jtls client: {0}")
    @ValueSource(booleans = {true, false})
    void sniReachesTheServerAndItsMatcherDecides(boolean jtlsIsClient) throws Exception {
        EngineLink ok = link(clientCtx(jtlsIsClient), serverCtx(jtlsIsClient), "127.0.0.1");
        setSni(ok.client, "localhost");
        setMatcher(ok.server, "localhost");
        ok.run();
        assertThat(((ExtendedSSLSession) ok.server.getSession()).getRequestedServerNames())
                .containsExactly(new SNIHostName("localhost"));

        EngineLink refused = link(clientCtx(jtlsIsClient), serverCtx(jtlsIsClient), "127.0.0.1");
        setSni(refused.client, "elsewhere.example");
        setMatcher(refused.server, "localhost");
        refused.runExpectingFailure();
        assertThat(refused.clientError).isInstanceOf(SSLHandshakeException.class);
        assertThat(refused.serverError).isInstanceOf(SSLHandshakeException.class);
        assertThat((jtlsIsClient ? refused.clientError : refused.serverError).getMessage()).contains("unrecognized_name");
    }

    private static void setSni(SSLEngine e, String name) {
        SSLParameters p = e.getSSLParameters();
        p.setServerNames(List.<SNIServerName>of(new SNIHostName(name)));
        e.setSSLParameters(p);
    }

    private static void setMatcher(SSLEngine e, String name) {
        SSLParameters p = e.getSSLParameters();
        p.setSNIMatchers(List.<SNIMatcher>of(SNIHostName.createSNIMatcher(java.util.regex.Pattern.quote(name))));
        e.setSSLParameters(p);
    }

    @ParameterizedTest(name = "extended trust manager: {0}")
    @ValueSource(booleans = {true, false})
    void endpointIdentificationChecksTheHost(boolean extended) throws Exception {
        SSLContext client = extended ? TestPki.jtlsClient() : plainTrustJtlsClient();
        EngineLink good = link(client, TestPki.sunServer(), "localhost");
        https(good.client);
        good.run();
        assertThat(good.client.getSession().getCipherSuite()).startsWith("TLS_");

        EngineLink bad = link(client, TestPki.sunServer(), "wrong.example");
        https(bad.client);
        bad.runExpectingFailure();
        assertThat(bad.clientError).isInstanceOf(SSLHandshakeException.class);
        assertThat(bad.serverError).isInstanceOf(SSLHandshakeException.class);
        assertThat(bad.clientError.getMessage()).contains("wrong.example");

        EngineLink unchecked = link(client, TestPki.sunServer(), "wrong.example");
        unchecked.run();
        assertThat(unchecked.client.getSession().getCipherSuite()).startsWith("TLS_");
    }

    private static void https(SSLEngine e) {
        SSLParameters p = e.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        e.setSSLParameters(p);
    }

    /** A jtls client context whose trust manager is a plain X509TrustManager (not extended). */
    private static SSLContext plainTrustJtlsClient() throws Exception {
        X509TrustManager inner = (X509TrustManager) TestPki.trustManagers(TestPki.TRUST)[0];
        X509TrustManager plain = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                inner.checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                inner.checkServerTrusted(chain, authType);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return inner.getAcceptedIssuers();
            }
        };
        SSLContext ctx = SSLContext.getInstance("TLSv1.2", new JtlsProvider());
        ctx.init(TestPki.keyManagers(TestPki.CLIENT_KEYS), new TrustManager[] {plain}, null);
        return ctx;
    }

    @ParameterizedTest(name = "jtls client: {0}")
    @ValueSource(booleans = {true, false})
    void untrustedPeerIsUnknownCa(boolean jtlsIsClient) throws Exception {
        SSLContext c = jtlsIsClient ? TestPki.jtls(TestPki.CLIENT_KEYS, List.of(TestPki.OTHER_CA.certificate()))
                : TestPki.sun(TestPki.CLIENT_KEYS, List.of(TestPki.OTHER_CA.certificate()));
        EngineLink l = link(c, serverCtx(jtlsIsClient), "localhost");
        l.runExpectingFailure();
        assertThat(l.clientError).isInstanceOf(SSLHandshakeException.class);
        assertThat(l.serverError).isInstanceOf(SSLHandshakeException.class);
        if (jtlsIsClient) {
            assertThat(l.clientError.getMessage()).contains("unknown_ca");
            assertThat(l.serverError.getMessage()).contains("unknown_ca");
        }
        assertThat(l.client.isOutboundDone()).isTrue();
        assertThat(l.server.isInboundDone()).isTrue();
    }

    /** A jtls server follows its own suite order by default, the client's with setUseCipherSuitesOrder(false). */
    @ParameterizedTest(name = "server order: {0}")
    @ValueSource(booleans = {true, false})
    void cipherSuitesOrder(boolean serverOrder) throws Exception {
        String gcm = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
        String chacha = "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256";
        EngineLink l = link(TestPki.sunClient(), TestPki.jtlsServer(), "localhost");
        l.client.setEnabledCipherSuites(new String[] {chacha, gcm});
        l.server.setEnabledCipherSuites(new String[] {gcm, chacha});
        assertThat(l.server.getSSLParameters().getUseCipherSuitesOrder()).isTrue();
        SSLParameters p = l.server.getSSLParameters();
        p.setUseCipherSuitesOrder(serverOrder);
        l.server.setSSLParameters(p);
        l.run();
        assertThat(l.server.getSession().getCipherSuite()).isEqualTo(serverOrder ? gcm : chacha);
    }

    @ParameterizedTest(name = "jtls client: {0}")
    @ValueSource(booleans = {true, false})
    void onlyTls13EnabledFailsClearly(boolean jtlsIsClient) throws Exception {
        EngineLink l = link(clientCtx(jtlsIsClient), serverCtx(jtlsIsClient), "localhost");
        SSLEngine jtls = jtlsIsClient ? l.client : l.server;
        jtls.setEnabledProtocols(new String[] {"TLSv1.3"});
        assertThat(jtls.getEnabledProtocols()).containsExactly("TLSv1.3");
        assertThatThrownBy(jtls::beginHandshake).isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("only TLSv1.2").hasMessageContaining("TLSv1.3");
        assertThat(jtls.isOutboundDone()).isTrue();
        assertThat(jtls.isInboundDone()).isTrue();
    }
}
