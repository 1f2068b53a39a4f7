package dev.jtls.handshake.client;

import dev.jtls.testing.TestCerts;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * A SunJSSE TLS 1.2 server for the client tests: one RSA and one ECDSA P-256 certificate for
 * "server.test" under one test CA, trusting a client CA for client authentication.
 */
final class JssePeer {
    static {
        // JDK 24+ disables TLS_RSA_* key exchange in SunJSSE; the tests re-enable it for the peer
        // (jtls itself reads no security properties). Must run before SunJSSE reads the property.
        String disabled = Security.getProperty("jdk.tls.disabledAlgorithms");
        if (disabled != null && disabled.contains("TLS_RSA_")) {
            List<String> kept = new ArrayList<>();
            for (String item : disabled.split(",")) {
                if (!item.trim().startsWith("TLS_RSA_")) {
                    kept.add(item.trim());
                }
            }
            Security.setProperty("jdk.tls.disabledAlgorithms", String.join(", ", kept));
        }
    }

    static final String HOST = "server.test";
    static final TestCerts.Issued CA = TestCerts.ca("jtls client test CA", TestCerts.Kind.EC_P256);
    static final TestCerts.Issued RSA_LEAF = TestCerts.leaf(CA, HOST, TestCerts.Kind.RSA_2048, List.of(HOST));
    static final TestCerts.Issued EC_LEAF = TestCerts.leaf(CA, HOST, TestCerts.Kind.EC_P256, List.of(HOST));
    static final TestCerts.Issued CLIENT_CA = TestCerts.ca("jtls client-auth CA", TestCerts.Kind.EC_P256);
    static final TestCerts.Issued CLIENT_EC = TestCerts.leaf(CLIENT_CA, "client ec", TestCerts.Kind.EC_P256, List.of());
    static final TestCerts.Issued CLIENT_RSA = TestCerts.leaf(CLIENT_CA, "client rsa", TestCerts.Kind.RSA_2048, List.of());

    /** The server's SSLContext: its session cache is what resumption tests resume from. */
    final SSLContext context;
    /** The SNI host names the server saw, in order. */
    final List<String> sniSeen = new ArrayList<>();

    JssePeer() {
        this(RSA_LEAF, EC_LEAF);
    }

    /** A server with exactly these leaves (all under {@link #CA}). */
    JssePeer(TestCerts.Issued... leaves) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = "test".toCharArray();
            int i = 0;
            for (TestCerts.Issued leaf : leaves) {
                ks.setKeyEntry("key" + i++, leaf.privateKey(), pw, new Certificate[] {leaf.certificate(), CA.certificate()});
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(ks, pw);
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            ts.setCertificateEntry("client-ca", CLIENT_CA.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(ts);
            context = SSLContext.getInstance("TLSv1.2");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server engine with every suite it supports enabled, ALPN h2/http/1.1 and SNI recording. */
    SSLEngine serverEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.2"});
        p.setCipherSuites(engine.getSupportedCipherSuites());
        p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        p.setSNIMatchers(List.of(new SNIMatcher(0) {
            @Override
            public boolean matches(SNIServerName name) {
                sniSeen.add(new String(name.getEncoded(), java.nio.charset.StandardCharsets.US_ASCII));
                return true;
            }
        }));
        engine.setSSLParameters(p);
        return engine;
    }
}
