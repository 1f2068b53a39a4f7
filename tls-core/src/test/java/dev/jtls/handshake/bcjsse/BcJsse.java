package dev.jtls.handshake.bcjsse;

import dev.jtls.config.AlpnSelector;
import dev.jtls.config.TlsConfig;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.suite.CipherSuite;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.pki.PinnedTrustVerifier;
import dev.jtls.testing.JsseContexts;
import dev.jtls.testing.TestCerts;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Bouncy Castle's JSSE (bctls 1.84) as the peer, in either role. The provider object is used
 * directly ({@code SSLContext.getInstance("TLSv1.2", PROVIDER)}), never installed, and does its
 * cryptography through an instance of BC's JCA provider that is not installed either (so no other
 * test's algorithm lookups change). Why not the JDK's JCA: BCJSSE's JCA crypto looks for BC's
 * algorithm names, so over the JDK's providers it cannot do ChaCha20-Poly1305 (its server refuses
 * with "handshake_failure(40); found no selectable cipher suite among the 1 offered:
 * [{0xcc,0xa9}(TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256)]") and needs an explicit SecureRandom.
 * Keys, certificates and key stores are handed to it as BC objects: it does not recognise the
 * JDK's Ed25519 keys (algorithm name "EdDSA"); with them its server answers internal_error or
 * "found no selectable cipher suite", and its client logs "found no credentials for signature
 * scheme 'ed25519(0x807)' (keyType 'Ed25519')" and sends an empty Certificate.
 *
 * <p>What BCJSSE 1.84 does not do, so no test can ask it to: RFC 5077 session tickets, as client or
 * server (ProvTlsClient/ProvTlsServer add no session_ticket extension and issue no NewSessionTicket;
 * the JSSE provider only resumes by session id). Its default-enabled suites leave out TLS_RSA_* and
 * the ECDHE ..._CBC_SHA suites; the tests enable them by name (they are in its supported list).
 */
final class BcJsse {
    /** BC's JCA provider, an instance only: BCJSSE's crypto, and the key objects its key managers see. */
    static final Provider BC = new BouncyCastleProvider();
    static final Provider PROVIDER = new BouncyCastleJsseProvider(BC);
    /** BCJSSE logs every property it reads and every alert at INFO; warnings are enough here (held: JUL loggers are weak). */
    private static final Logger LOG = quiet();

    private static Logger quiet() {
        Logger log = Logger.getLogger("org.bouncycastle.jsse");
        log.setLevel(Level.WARNING);
        return log;
    }

    static final String HOST = "server.test";
    static final TestCerts.Issued CA = TestCerts.ca("jtls bcjsse test CA", TestCerts.Kind.EC_P256);
    /** Listed first on the jtls server, so only SNI makes it pick the right RSA certificate. */
    static final TestCerts.Issued OTHER_RSA = TestCerts.leaf(CA, "other", TestCerts.Kind.RSA_2048, List.of("other.test"));
    static final TestCerts.Issued RSA_LEAF = TestCerts.leaf(CA, "server rsa", TestCerts.Kind.RSA_2048, List.of(HOST));
    static final TestCerts.Issued EC_LEAF = TestCerts.leaf(CA, "server ec", TestCerts.Kind.EC_P256, List.of(HOST));
    static final TestCerts.Issued CLIENT_CA = TestCerts.ca("jtls bcjsse client CA", TestCerts.Kind.EC_P256);
    static final TestCerts.Issued CLIENT_EC = TestCerts.leaf(CLIENT_CA, "client ec", TestCerts.Kind.EC_P256, List.of());
    static final TestCerts.Issued CLIENT_RSA = TestCerts.leaf(CLIENT_CA, "client rsa", TestCerts.Kind.RSA_2048, List.of());

    /** The jtls suites by their standard names: what a BCJSSE peer enables. */
    static final String[] JTLS_SUITES = Stream.of(CipherSuite.values()).map(CipherSuite::standardName).toArray(String[]::new);

    private BcJsse() {
    }

    static JsseContexts.KeyEntry entry(TestCerts.Issued leaf, TestCerts.Issued ca) {
        return new JsseContexts.KeyEntry(leaf, List.of(leaf.certificate(), ca.certificate()));
    }

    static CertifiedKey key(TestCerts.Issued leaf, TestCerts.Issued ca) {
        return new CertifiedKey(List.of(leaf.certificate(), ca.certificate()), leaf.privateKey());
    }

    /** A BCJSSE server context: RSA and ECDSA keys for {@link #HOST}, trusting the client CA. */
    static SSLContext serverContext() {
        return context(List.of(entry(RSA_LEAF, CA), entry(EC_LEAF, CA)), CLIENT_CA);
    }

    /** A BCJSSE context with these keys, trusting {@code trusted}. */
    static SSLContext context(List<JsseContexts.KeyEntry> keys, TestCerts.Issued trusted) {
        return JsseContexts.tls12(PROVIDER, BC, keys, List.of(trusted.certificate()));
    }

    /** A BCJSSE client context trusting the server CA, with a client key if {@code clientKey} is not null. */
    static SSLContext clientContext(TestCerts.Issued clientKey) {
        return context(clientKey == null ? List.of() : List.of(entry(clientKey, CLIENT_CA)), CA);
    }

    /** A BCJSSE server engine: TLS 1.2, the jtls suites, ALPN h2 then http/1.1, SNI names recorded in {@code sniSeen}. */
    static SSLEngine serverEngine(SSLContext ctx, List<String> sniSeen) {
        SSLEngine engine = ctx.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.2"});
        p.setCipherSuites(JTLS_SUITES);
        p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        p.setSNIMatchers(List.of(new SNIMatcher(0) {
            @Override
            public boolean matches(SNIServerName name) {
                sniSeen.add(new String(name.getEncoded(), StandardCharsets.US_ASCII));
                return true;
            }
        }));
        engine.setSSLParameters(p);
        return engine;
    }

    /** A BCJSSE client engine for {@link #HOST}:443 offering {@code suite} (all jtls suites if null), ALPN, SNI, host name check. */
    static SSLEngine clientEngine(SSLContext ctx, String suite) {
        SSLEngine engine = ctx.createSSLEngine(HOST, 443);
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.2"});
        p.setCipherSuites(suite == null ? JTLS_SUITES : new String[] {suite});
        p.setServerNames(List.of(new SNIHostName(HOST)));
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        engine.setSSLParameters(p);
        return engine;
    }

    /** A jtls client configuration trusting the server CA. */
    static TlsConfig.Builder jtlsClient() {
        return TlsConfig.builder().trust(new PinnedTrustVerifier(List.of(CA.certificate()), Clock.systemUTC()));
    }

    /** A jtls server configuration: an other-name RSA key first, then RSA and ECDSA keys for {@link #HOST}. */
    static TlsConfig.Builder jtlsServer() {
        return TlsConfig.builder()
                .certifiedKey(key(OTHER_RSA, CA))
                .certifiedKey(key(RSA_LEAF, CA))
                .certifiedKey(key(EC_LEAF, CA))
                .trust(new PinnedTrustVerifier(List.of(CLIENT_CA.certificate()), Clock.systemUTC()))
                .alpnSelector(AlpnSelector.preferring(List.of("http/1.1", "h2")));
    }

    /** Every suite with every group (ECDHE), or with no group (RSA key exchange). */
    static Stream<Arguments> suitesAndGroups() {
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite s : CipherSuite.values()) {
            if (s.keyExchange() == CipherSuite.KeyExchange.RSA) {
                out.add(Arguments.of(s, null));
            } else {
                for (NamedGroup g : NamedGroup.values()) {
                    out.add(Arguments.of(s, g));
                }
            }
        }
        return out.stream();
    }

    static List<String> newSniLog() {
        return new CopyOnWriteArrayList<>();
    }
}
