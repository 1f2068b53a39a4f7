package dev.jtls.jsse;

import dev.jtls.message.LocalProblem;
import dev.jtls.pki.ChainProblem;
import dev.jtls.pki.HostnameVerifier;
import dev.jtls.pki.JtlsTrustManager;
import dev.jtls.pki.KeyUse;
import dev.jtls.pki.ServerCheck;
import dev.jtls.pki.TrustVerifier;
import dev.jtls.record.Reason;
import dev.jtls.record.TlsAlertException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXReason;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The application's {@code X509TrustManager} as a jtls {@link TrustVerifier}. authType follows the
 * JSSE conventions: on a client the key exchange ("ECDHE_RSA", "ECDHE_ECDSA", "RSA"), on a server
 * the client key's algorithm. An {@code X509ExtendedTrustManager} gets the engine (and so checks
 * the endpoint identity itself, as SunJSSE's does); a plain one is followed by jtls's
 * {@link HostnameVerifier} when the endpoint identification algorithm is set. A refusal becomes
 * the alert its cause calls for.
 */
final class TrustManagerVerifier implements TrustVerifier {
    private final X509TrustManager trustManager;

    /** Shared by a context's engines: each call is for the engine whose handshake runs ({@link CurrentEngine}). */
    TrustManagerVerifier(X509TrustManager trustManager) {
        this.trustManager = trustManager;
    }

    @Override
    public void verifyServer(List<X509Certificate> chain, ServerCheck check) {
        X509Certificate[] certs = chain.toArray(new X509Certificate[0]);
        String authType = serverAuthType(certs[0], check.keyUse());
        JtlsSSLEngine engine = CurrentEngine.get();
        if (trustManager instanceof JtlsTrustManager) {
            // Our own validator behind the JSSE face: call it directly so the stapled OCSP response
            // (which checkServerTrusted cannot carry) is judged, and its alert is kept exactly.
            ((JtlsTrustManager) trustManager).verifier().verifyServer(chain,
                    new ServerCheck(identityHost(engine, engine.parameters()), check.keyUse(), check.stapledOcspResponse()));
            return;
        }
        try {
            if (trustManager instanceof X509ExtendedTrustManager) {
                ((X509ExtendedTrustManager) trustManager).checkServerTrusted(certs, authType, engine);
            } else {
                trustManager.checkServerTrusted(certs, authType);
                checkIdentity(certs[0], engine);
            }
        } catch (CertificateException e) {
            throw refused("server", certs[0], e);
        } catch (TlsAlertException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TlsAlertException(LocalProblem.TRUST_MANAGER_FAILED,
                    "the TrustManager failed on the server's chain: " + e, e);
        }
    }

    @Override
    public void verifyClient(List<X509Certificate> chain) {
        X509Certificate[] certs = chain.toArray(new X509Certificate[0]);
        String authType = certs[0].getPublicKey().getAlgorithm();
        JtlsSSLEngine engine = CurrentEngine.get();
        try {
            if (trustManager instanceof X509ExtendedTrustManager) {
                ((X509ExtendedTrustManager) trustManager).checkClientTrusted(certs, authType, engine);
            } else {
                trustManager.checkClientTrusted(certs, authType);
            }
        } catch (CertificateException e) {
            throw refused("client", certs[0], e);
        } catch (TlsAlertException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TlsAlertException(LocalProblem.TRUST_MANAGER_FAILED,
                    "the TrustManager failed on the client's chain: " + e, e);
        }
    }

    /** JSSE's authType for TLS 1.2 key exchanges: "RSA" for RSA key exchange, else ECDHE_ and the key's kind. */
    static String serverAuthType(X509Certificate leaf, KeyUse use) {
        if (use == KeyUse.KEY_ENCIPHERMENT) {
            return "RSA";
        }
        return leaf.getPublicKey() instanceof RSAKey ? "ECDHE_RSA" : "ECDHE_ECDSA";
    }

    /** For a plain X509TrustManager: RFC 9525 / RFC 2818 host check when "HTTPS" (or any algorithm) is set. */
    private static void checkIdentity(X509Certificate leaf, JtlsSSLEngine engine) {
        String host = identityHost(engine, engine.parameters());
        if (host != null) {
            HostnameVerifier.strict().verify(leaf, host);
        }
    }

    /**
     * The host to check the server's certificate against: null when no endpoint identification
     * algorithm is set; the SNI name, else the engine's peer host, when one is.
     */
    private static String identityHost(JtlsSSLEngine engine, SSLParameters params) {
        String algorithm = params.getEndpointIdentificationAlgorithm();
        if (algorithm == null || algorithm.isEmpty()) {
            return null;
        }
        String host = EngineParameters.sniHost(params.getServerNames());
        if (host == null) {
            host = engine.getPeerHost();
        }
        if (host == null) {
            throw new TlsAlertException(LocalProblem.NO_HOST_NAME, "endpoint identification ("
                    + algorithm + ") needs the server's host name, and the engine was created without one");
        }
        return host;
    }

    private static TlsAlertException refused(String side, X509Certificate leaf, CertificateException e) {
        return new TlsAlertException(reasonFor(e), "the TrustManager refused the " + side + "'s certificate '"
                + leaf.getSubjectX500Principal().getName() + "': " + e.getMessage(), e);
    }

    /**
     * The most specific reason the refusal supports — the validity period, revocation, a signature
     * that does not verify, no path to a trust anchor, a refused algorithm; {@link ChainProblem#REFUSED}
     * otherwise. A jtls verifier's own reason, carried as the cause, wins.
     */
    static Reason reasonFor(CertificateException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TlsAlertException) {
                return ((TlsAlertException) t).reason();
            }
            if (t instanceof CertificateExpiredException) {
                return ChainProblem.EXPIRED;
            }
            if (t instanceof CertificateNotYetValidException) {
                return ChainProblem.NOT_YET_VALID;
            }
            if (t instanceof CertPathBuilderException) {
                return ChainProblem.UNKNOWN_ISSUER;
            }
            if (t instanceof CertPathValidatorException) {
                CertPathValidatorException.Reason r = ((CertPathValidatorException) t).getReason();
                if (r == CertPathValidatorException.BasicReason.EXPIRED) {
                    return ChainProblem.EXPIRED;
                }
                if (r == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                    return ChainProblem.NOT_YET_VALID;
                }
                if (r == CertPathValidatorException.BasicReason.REVOKED) {
                    return ChainProblem.REVOKED;
                }
                if (r == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) {
                    return ChainProblem.BAD_SIGNATURE;
                }
                if (r == PKIXReason.NO_TRUST_ANCHOR) {
                    return ChainProblem.UNKNOWN_ISSUER;
                }
                if (r == CertPathValidatorException.BasicReason.ALGORITHM_CONSTRAINED) {
                    return ChainProblem.WEAK_ALGORITHM;
                }
            }
        }
        return ChainProblem.REFUSED;
    }
}
