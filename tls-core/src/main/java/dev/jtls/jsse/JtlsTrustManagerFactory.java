package dev.jtls.jsse;

import dev.jtls.pki.JtlsTrustManager;
import dev.jtls.pki.PkixTrustVerifier;
import dev.jtls.pki.TrustAnchors;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactorySpi;

/**
 * {@code TrustManagerFactory} "PKIX" of the jtls provider: the trust store's certificates become
 * {@link TrustAnchors} (each kept whole, so an anchor's own name constraints and critical
 * extensions bind), and the manager is a {@link JtlsTrustManager} over jtls's RFC 5280 validator
 * with the Web PKI policy. {@code init((KeyStore) null)} takes the store the JDK's factory would
 * (the {@code javax.net.ssl.trustStore*} properties, else jssecacerts, else cacerts: {@link SystemProperties}).
 */
public final class JtlsTrustManagerFactory extends TrustManagerFactorySpi {
    private TrustManager manager;

    /** Public and argument-free: {@code Provider.Service.newInstance} makes it by reflection. */
    public JtlsTrustManagerFactory() {
        // Nothing to set up before engineInit.
    }

    @Override
    protected void engineInit(KeyStore ks) throws KeyStoreException {
        try {
            TrustAnchors anchors = ks == null ? SystemProperties.trustAnchors() : TrustAnchors.fromKeyStore(ks);
            manager = new JtlsTrustManager(PkixTrustVerifier.webPki(anchors));
        } catch (IOException | GeneralSecurityException e) {
            throw new KeyStoreException("cannot read the trust anchors: " + e.getMessage(), e);
        }
    }

    @Override
    protected void engineInit(ManagerFactoryParameters spec) throws InvalidAlgorithmParameterException {
        // CertPathTrustManagerParameters would hand us the JDK's PKIXParameters (revocation checkers,
        // policy trees) whose meaning is the JDK validator's; jtls's policy is ValidationPolicy.
        throw new InvalidAlgorithmParameterException("jtls's PKIX TrustManagerFactory takes a KeyStore only; "
                + "for other settings build a JtlsTrustManager over a PkixTrustVerifier");
    }

    @Override
    protected TrustManager[] engineGetTrustManagers() {
        if (manager == null) {
            throw new IllegalStateException("TrustManagerFactory is not initialised");
        }
        return new TrustManager[] {manager};
    }
}
