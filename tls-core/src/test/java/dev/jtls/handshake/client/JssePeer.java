package dev.jtls.handshake.client;

import dev.jtls.testing.JsseContexts;
import dev.jtls.testing.TestCerts;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * A SunJSSE TLS 1.2 server for the client tests: one RSA and one ECDSA P-256 certificate for
 * "server.test" under one test CA, trusting a client CA for client authentication.
 */
final class JssePeer {
    static {
        // JDK 24+ disables TLS_RSA_* key exchange in SunJSSE; the tests re-enable it for the peer
        // (jtls itself reads no security properties). Must run before SunJSSE reads the property:
        // surefire's argLine loads src/test/resources/test-java.security first, this is the
        // fallback for runs without it (e.g. from an IDE, when this class is the first to touch JSSE).
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
        List<JsseContexts.KeyEntry> keys = new ArrayList<>();
        for (TestCerts.Issued leaf : leaves) {
            keys.add(new JsseContexts.KeyEntry(leaf, List.of(leaf.certificate(), CA.certificate())));
        }
        context = JsseContexts.tls12(null, keys, List.of(CLIENT_CA.certificate()));
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
