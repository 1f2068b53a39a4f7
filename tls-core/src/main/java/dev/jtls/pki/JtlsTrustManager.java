package dev.jtls.pki;

import dev.jtls.record.TlsAlertException;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * jtls's chain validation as a JSSE {@link X509ExtendedTrustManager}, for any SSLContext (ours or the
 * JDK's). The server's host name is checked when the socket's or engine's SSLParameters ask for it
 * (endpointIdentificationAlgorithm "HTTPS", as HttpsURLConnection and HttpClient set it); the name is
 * the peer host the socket/engine was created for. A refusal is a {@link CertificateException} whose
 * message is jtls's (which certificate, which rule) and whose cause is the
 * {@link CertificateRejection} or {@link TlsAlertException} with the alert.
 */
public final class JtlsTrustManager extends X509ExtendedTrustManager {
    private final PkixTrustVerifier verifier;

    public JtlsTrustManager(PkixTrustVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /**
     * The verifier behind this manager. jtls's own engines call it directly, so that what the JSSE
     * interface cannot carry (the stapled OCSP response, the exact alert) still reaches it.
     */
    public PkixTrustVerifier verifier() {
        return verifier;
    }

    /**
     * JSSE's authType for a server is the key exchange ("RSA", "ECDHE_RSA", "ECDHE_ECDSA", "DHE_RSA",
     * or "UNKNOWN" for TLS 1.3): only static RSA key exchange encrypts to the key (RFC 5246 §7.4.2).
     */
    static KeyUse keyUse(String authType) {
        return "RSA".equals(authType) ? KeyUse.KEY_ENCIPHERMENT : KeyUse.DIGITAL_SIGNATURE;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        server(chain, authType, null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        String host = null;
        if (socket instanceof SSLSocket && isHttps(((SSLSocket) socket).getSSLParameters())) {
            // getHandshakeSession only: getSession would start a handshake from inside one.
            SSLSession session = ((SSLSocket) socket).getHandshakeSession();
            host = requireHost(session == null ? null : session.getPeerHost());
        }
        server(chain, authType, host);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        String host = null;
        if (engine != null && isHttps(engine.getSSLParameters())) {
            host = requireHost(engine.getPeerHost());
        }
        server(chain, authType, host);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        client(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        client(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        client(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return verifier.validator().anchors().certificates().toArray(new X509Certificate[0]);
    }

    private void server(X509Certificate[] chain, String authType, String host) throws CertificateException {
        List<X509Certificate> list = list(chain);
        try {
            verifier.verifyServer(list, new ServerCheck(host, keyUse(authType), null));
        } catch (TlsAlertException e) {
            throw new CertificateException(e.getMessage(), e);
        }
    }

    private void client(X509Certificate[] chain) throws CertificateException {
        List<X509Certificate> list = list(chain);
        try {
            verifier.verifyClient(list);
        } catch (TlsAlertException e) {
            throw new CertificateException(e.getMessage(), e);
        }
    }

    private static List<X509Certificate> list(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the peer sent no certificate");
        }
        if (Arrays.asList(chain).contains(null)) {
            throw new CertificateException("the peer's chain holds a missing certificate");
        }
        return List.of(chain);
    }

    /** Endpoint identification was asked for: without a host to compare, the answer is no. */
    private static String requireHost(String host) throws CertificateException {
        if (host == null || host.isEmpty()) {
            throw new CertificateException("endpoint identification (HTTPS) is on but the peer host is unknown;"
                    + " create the SSLEngine/SSLSocket with the host name");
        }
        return host;
    }

    private static boolean isHttps(SSLParameters params) {
        return params != null && "HTTPS".equalsIgnoreCase(params.getEndpointIdentificationAlgorithm());
    }
}
