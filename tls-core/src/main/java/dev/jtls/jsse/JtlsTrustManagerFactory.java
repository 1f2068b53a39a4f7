package dev.jtls.jsse;

import dev.jtls.crypto.CryptoProviders;
import dev.jtls.pki.ChainValidator;
import dev.jtls.pki.CrlChecking;
import dev.jtls.pki.CrlSet;
import dev.jtls.pki.HostnameVerifier;
import dev.jtls.pki.JtlsTrustManager;
import dev.jtls.pki.PkixTrustVerifier;
import dev.jtls.pki.TrustAnchors;
import dev.jtls.pki.ValidationPolicy;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.CertStoreException;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.CertPathTrustManagerParameters;
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

    /**
     * {@code CertPathTrustManagerParameters} over {@code PKIXParameters} (or PKIXBuilderParameters), so
     * that programs written for the JDK's factory work unchanged: the trust anchors' certificates become
     * {@link TrustAnchors}; with revocation enabled (the PKIXParameters default), the CRLs of the
     * CertStores are checked ({@link CrlChecking}, a certificate no CRL covers passes: jtls fetches
     * nothing); maxPathLength (PKIXBuilderParameters) is the most non-self-issued intermediates, as in
     * jtls's {@link ValidationPolicy#maxIntermediates}; a fixed date validates at that date. Custom
     * PKIXCertPathCheckers, initial policies and name-and-key anchors are the JDK validator's own
     * notions and are refused.
     */
    @Override
    protected void engineInit(ManagerFactoryParameters spec) throws InvalidAlgorithmParameterException {
        if (!(spec instanceof CertPathTrustManagerParameters)
                || !(((CertPathTrustManagerParameters) spec).getParameters() instanceof PKIXParameters)) {
            throw new InvalidAlgorithmParameterException("jtls's PKIX TrustManagerFactory takes a KeyStore or "
                    + "CertPathTrustManagerParameters over PKIXParameters");
        }
        PKIXParameters params = (PKIXParameters) ((CertPathTrustManagerParameters) spec).getParameters();
        List<X509Certificate> anchors = new ArrayList<>();
        for (TrustAnchor a : params.getTrustAnchors()) {
            if (a.getTrustedCert() == null) {
                throw new InvalidAlgorithmParameterException("a TrustAnchor without a certificate (name and key"
                        + " only) is not supported: give the anchor's certificate");
            }
            anchors.add(a.getTrustedCert());
        }
        if (!params.getCertPathCheckers().isEmpty() || !params.getInitialPolicies().isEmpty()) {
            throw new InvalidAlgorithmParameterException("PKIXCertPathCheckers and initial policies are not"
                    + " supported by jtls's validator");
        }
        CrlChecking crls = CrlChecking.off();
        if (params.isRevocationEnabled()) {
            try {
                crls = CrlChecking.of(CrlSet.fromCertStores(params.getCertStores()));
            } catch (CertStoreException | IllegalArgumentException e) {
                throw new InvalidAlgorithmParameterException("cannot read the CRLs of the CertStores: "
                        + e.getMessage(), e);
            }
        }
        ValidationPolicy.Builder server = ValidationPolicy.webPki().toBuilder();
        ValidationPolicy.Builder client = ValidationPolicy.webPkiClient().toBuilder();
        if (params instanceof PKIXBuilderParameters && ((PKIXBuilderParameters) params).getMaxPathLength() >= 0) {
            int max = ((PKIXBuilderParameters) params).getMaxPathLength();
            server.maxIntermediates(max);
            client.maxIntermediates(max);
        }
        if (params.getDate() != null) {
            Clock at = Clock.fixed(params.getDate().toInstant(), ZoneOffset.UTC);
            server.clock(at);
            client.clock(at);
        }
        ChainValidator validator = new ChainValidator(TrustAnchors.of(anchors), CryptoProviders.defaults(), crls);
        manager = new JtlsTrustManager(new PkixTrustVerifier(validator, server.build(), client.build(),
                HostnameVerifier.strict()));
    }

    @Override
    protected TrustManager[] engineGetTrustManagers() {
        if (manager == null) {
            throw new IllegalStateException("TrustManagerFactory is not initialised");
        }
        return new TrustManager[] {manager};
    }
}
