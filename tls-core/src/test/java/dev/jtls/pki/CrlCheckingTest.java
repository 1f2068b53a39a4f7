package dev.jtls.pki;

import static dev.jtls.pki.ChainFixtures.INTERMEDIATE;
import static dev.jtls.pki.ChainFixtures.LEAF;
import static dev.jtls.pki.ChainFixtures.ROOT;
import static dev.jtls.pki.ChainFixtures.WEB;
import static dev.jtls.pki.ChainFixtures.anchors;
import static dev.jtls.pki.ChainFixtures.assertRejection;
import static dev.jtls.testing.CertBuilder.chain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jtls.record.AlertDescription;
import dev.jtls.testing.CertBuilder;
import dev.jtls.testing.CertBuilder.Issued;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** RFC 5280 §6.3 CRL checking: each refusal with its reason and alert, and the valid counterparts. */
class CrlCheckingTest {
    private static final Instant NOW = CertBuilder.NOW;

    /** A CRL by {@code issuer}, current at NOW, listing {@code revoked}; {@code extra} adjusts it. */
    private static X509CRL crl(Issued issuer, PrivateKey signer, Consumer<X509v2CRLBuilder> extra, BigInteger... revoked)
            throws Exception {
        X509v2CRLBuilder b = new X509v2CRLBuilder(X500Name.getInstance(
                issuer.certificate().getSubjectX500Principal().getEncoded()), Date.from(NOW.minus(Duration.ofDays(1))));
        b.setNextUpdate(Date.from(NOW.plus(Duration.ofDays(6))));
        b.addExtension(Extension.cRLNumber, false, new ASN1Integer(7));
        for (BigInteger serial : revoked) {
            b.addCRLEntry(serial, Date.from(NOW.minus(Duration.ofDays(2))), CRLReason.keyCompromise);
        }
        extra.accept(b);
        return new JcaX509CRLConverter().getCRL(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    }

    private static X509CRL crl(Issued issuer, BigInteger... revoked) throws Exception {
        return crl(issuer, issuer.privateKey(), b -> { }, revoked);
    }

    private static ChainValidator validator(CrlChecking crls) {
        return new ChainValidator(anchors(ROOT), dev.jtls.crypto.CryptoProviders.defaults(), crls);
    }

    private static CertificateRejection refused(X509CRL... crls) {
        CertificateRejection e = catchThrowableOfType(CertificateRejection.class, () -> validator(
                CrlChecking.of(CrlSet.of(List.of(crls)))).validate(chain(LEAF, INTERMEDIATE), WEB, KeyUse.DIGITAL_SIGNATURE));
        assertThat(e).as("must be refused").isNotNull();
        return e;
    }

    private static void accepted(CrlChecking crls) {
        assertThat(validator(crls).validate(chain(LEAF, INTERMEDIATE), WEB, KeyUse.DIGITAL_SIGNATURE)
                .certificates()).hasSize(3);
    }

    private static BigInteger serial(Issued c) {
        return c.certificate().getSerialNumber();
    }

    @Test
    void aRevokedLeafOrIntermediateIsCertificateRevoked() throws Exception {
        CertificateRejection leaf = refused(crl(INTERMEDIATE, serial(LEAF)), crl(ROOT));
        assertRejection(leaf, ChainProblem.REVOKED, 0);
        assertThat(leaf.description()).isEqualTo(AlertDescription.CERTIFICATE_REVOKED);
        assertThat(leaf.getMessage()).contains("KEY_COMPROMISE").contains("§6.3.3");
        assertRejection(refused(crl(INTERMEDIATE), crl(ROOT, serial(INTERMEDIATE))), ChainProblem.REVOKED, 1);
        // Current CRLs that do not list them: accepted, also when every certificate must be covered.
        accepted(CrlChecking.of(CrlSet.of(List.of(crl(INTERMEDIATE, BigInteger.valueOf(99)), crl(ROOT)))));
        accepted(CrlChecking.of(CrlSet.of(List.of(crl(INTERMEDIATE), crl(ROOT))))
                .withCoverage(CrlChecking.Coverage.REQUIRED));
    }

    @Test
    void missingCoverageFailsOnlyWhenRequired() throws Exception {
        CrlSet onlyLeafs = CrlSet.of(List.of(crl(INTERMEDIATE)));
        accepted(CrlChecking.of(onlyLeafs));
        CertificateRejection e = catchThrowableOfType(CertificateRejection.class, () -> validator(CrlChecking.of(onlyLeafs)
                .withCoverage(CrlChecking.Coverage.REQUIRED)).validate(chain(LEAF, INTERMEDIATE), WEB, KeyUse.DIGITAL_SIGNATURE));
        assertRejection(e, ChainProblem.REVOCATION_UNKNOWN, 1);
    }

    @Test
    void aCrlSignedByAnotherKeyOrStaleOrFromTheFutureIsRefused() throws Exception {
        Issued impostor = CertBuilder.root("Example Intermediate", CertBuilder.Kind.EC_P256).build();
        X509CRL forged = crl(INTERMEDIATE, impostor.privateKey(), b -> { });
        CertificateRejection e = refused(forged);
        assertRejection(e, ChainProblem.BAD_CRL, 0);
        assertThat(e.getMessage()).contains("signature does not verify");

        X509CRL stale = crl(INTERMEDIATE, INTERMEDIATE.privateKey(),
                b -> b.setNextUpdate(Date.from(NOW.minus(Duration.ofHours(1)))));
        assertThat(refused(stale).getMessage()).contains("stale");
        // A current CRL beside the stale one covers the certificate.
        accepted(CrlChecking.of(CrlSet.of(List.of(stale, crl(INTERMEDIATE)))));
    }

    @Test
    void deltaIndirectAndUnknownCriticalExtensionsAreRefusedByName() throws Exception {
        X509CRL delta = crl(INTERMEDIATE, INTERMEDIATE.privateKey(),
                b -> addExt(b, Extension.deltaCRLIndicator, true, new ASN1Integer(6)));
        assertThat(refused(delta).getMessage()).contains("delta CRL");
        X509CRL indirect = crl(INTERMEDIATE, INTERMEDIATE.privateKey(), b -> addExt(b,
                Extension.issuingDistributionPoint, true, new IssuingDistributionPoint(null, false, false, null, true, false)));
        assertThat(refused(indirect).getMessage()).contains("indirect CRL");
        X509CRL unknown = crl(INTERMEDIATE, INTERMEDIATE.privateKey(), b -> addExt(b,
                new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1"), true, ASN1Boolean.TRUE));
        CertificateRejection e = refused(unknown);
        assertRejection(e, ChainProblem.BAD_CRL, 0);
        assertThat(e.getMessage()).contains("critical CRL extension 1.3.6.1.4.1.55555.1");
    }

    @Test
    void scopeByIssuingDistributionPoint() throws Exception {
        // A CRL for CA certificates only does not cover the leaf, even if it lists its serial.
        X509CRL caOnly = crl(INTERMEDIATE, INTERMEDIATE.privateKey(), b -> addExt(b, Extension.issuingDistributionPoint,
                true, new IssuingDistributionPoint(null, false, true, null, false, false)), serial(LEAF));
        accepted(CrlChecking.of(CrlSet.of(List.of(caOnly))));
        // A partitioned CRL for another distribution point does not cover it either ...
        DistributionPointName elsewhere = new DistributionPointName(new GeneralNames(
                new GeneralName(GeneralName.uniformResourceIdentifier, "http://crl.example/other.crl")));
        X509CRL partition = crl(INTERMEDIATE, INTERMEDIATE.privateKey(), b -> addExt(b, Extension.issuingDistributionPoint,
                true, new IssuingDistributionPoint(elsewhere, false, false, null, false, false)), serial(LEAF));
        accepted(CrlChecking.of(CrlSet.of(List.of(partition))));
        // ... but one for user certificates does.
        X509CRL users = crl(INTERMEDIATE, INTERMEDIATE.privateKey(), b -> addExt(b, Extension.issuingDistributionPoint,
                true, new IssuingDistributionPoint(null, true, false, null, false, false)), serial(LEAF));
        assertRejection(refused(users), ChainProblem.REVOKED, 0);
    }

    @Test
    void theJsseFactoryTakesCrlsFromPkixBuilderParameters() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("root", ROOT.certificate());
        PKIXBuilderParameters params = new PKIXBuilderParameters(ks, new X509CertSelector());
        params.setDate(Date.from(NOW));
        params.addCertStore(CertStore.getInstance("Collection",
                new CollectionCertStoreParameters(List.of(crl(INTERMEDIATE, serial(LEAF))))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", new dev.jtls.jsse.JtlsProvider());
        tmf.init(new CertPathTrustManagerParameters(params));
        X509TrustManager tm = (X509TrustManager) tmf.getTrustManagers()[0];
        X509Certificate[] certs = chain(LEAF, INTERMEDIATE).toArray(new X509Certificate[0]);
        CertificateException e = catchThrowableOfType(CertificateException.class,
                () -> tm.checkServerTrusted(certs, "ECDHE_ECDSA"));
        assertThat(e).isNotNull();
        assertThat(((CertificateRejection) e.getCause()).problem()).isEqualTo(ChainProblem.REVOKED);
        // Revocation off: the same parameters accept.
        params.setRevocationEnabled(false);
        tmf.init(new CertPathTrustManagerParameters(params));
        ((X509TrustManager) tmf.getTrustManagers()[0]).checkServerTrusted(certs, "ECDHE_ECDSA");
    }

    @Test
    void reasonCodesAndEntryExtensions() throws Exception {
        X509CRL hold = crl(INTERMEDIATE, INTERMEDIATE.privateKey(), b -> b.addCRLEntry(serial(LEAF),
                Date.from(NOW.minus(Duration.ofDays(1))), CRLReason.certificateHold));
        assertThat(refused(hold).getMessage()).contains("CERTIFICATE_HOLD");
        X509CRL remove = crl(INTERMEDIATE, INTERMEDIATE.privateKey(), b -> b.addCRLEntry(serial(LEAF),
                Date.from(NOW.minus(Duration.ofDays(1))), CRLReason.removeFromCRL));
        CertificateRejection e = refused(remove);
        assertRejection(e, ChainProblem.BAD_CRL, 0);
        assertThat(e.getMessage()).contains("removeFromCRL");
        org.bouncycastle.asn1.x509.Extensions issuerExt = new org.bouncycastle.asn1.x509.Extensions(new Extension(
                Extension.certificateIssuer, true, new DEROctetString(encoded(new GeneralNames(new GeneralName(ROOT.name()))))));
        X509CRL withIssuer = crl(INTERMEDIATE, INTERMEDIATE.privateKey(), b -> b.addCRLEntry(serial(LEAF),
                Date.from(NOW.minus(Duration.ofDays(1))), issuerExt));
        assertThat(refused(withIssuer).getMessage()).contains("certificateIssuer");
        // onlySomeReasons: a CRL for key compromise only does not establish the status for all reasons.
        X509CRL someReasons = crl(INTERMEDIATE, INTERMEDIATE.privateKey(), b -> addExt(b, Extension.issuingDistributionPoint,
                true, new IssuingDistributionPoint(null, false, false,
                        new org.bouncycastle.asn1.x509.ReasonFlags(org.bouncycastle.asn1.x509.ReasonFlags.keyCompromise),
                        false, false)));
        CertificateRejection partial = catchThrowableOfType(CertificateRejection.class, () -> validator(CrlChecking.of(
                CrlSet.of(List.of(someReasons, crl(ROOT)))).withCoverage(CrlChecking.Coverage.REQUIRED))
                .validate(chain(LEAF, INTERMEDIATE), WEB, KeyUse.DIGITAL_SIGNATURE));
        assertRejection(partial, ChainProblem.REVOCATION_UNKNOWN, 0);
        assertThat(partial.getMessage()).contains("for every revocation reason");
    }

    @Test
    void anIssuerWithoutCrlSignAndACrlFromTheFutureAreRefused() throws Exception {
        Issued noCrlSign = CertBuilder.intermediate("No CRL Sign CA", ROOT).replace(Extension.keyUsage, true,
                new org.bouncycastle.asn1.x509.KeyUsage(org.bouncycastle.asn1.x509.KeyUsage.keyCertSign)).build();
        Issued leaf = CertBuilder.leaf("www.example.com", noCrlSign).build();
        CertificateRejection e = catchThrowableOfType(CertificateRejection.class, () -> validator(CrlChecking.of(
                CrlSet.of(List.of(crl(noCrlSign))))).validate(chain(leaf, noCrlSign), WEB, KeyUse.DIGITAL_SIGNATURE));
        assertRejection(e, ChainProblem.BAD_CRL, 0);
        assertThat(e.getMessage()).contains("cRLSign");
        X509CRL future = crl(INTERMEDIATE, INTERMEDIATE.privateKey(), b -> { }, BigInteger.TEN);
        X509v2CRLBuilder later = new X509v2CRLBuilder(X500Name.getInstance(
                INTERMEDIATE.certificate().getSubjectX500Principal().getEncoded()), Date.from(NOW.plus(Duration.ofDays(1))));
        later.setNextUpdate(Date.from(NOW.plus(Duration.ofDays(8))));
        X509CRL fromTheFuture = new JcaX509CRLConverter().getCRL(later.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(INTERMEDIATE.privateKey())));
        assertThat(refused(fromTheFuture).getMessage()).contains("is after now");
        accepted(CrlChecking.of(CrlSet.of(List.of(future))));
    }

    @Test
    void fetchingFromTheDistributionPointIsOptInAndAnUnavailableCrlLeavesTheStatusUnknown() throws Exception {
        URI url = URI.create("http://crl.example.com/int.crl");
        Issued leaf = CertBuilder.leaf("www.example.com", INTERMEDIATE).add(CertBuilder.ext(
                Extension.cRLDistributionPoints, false, new org.bouncycastle.asn1.x509.CRLDistPoint(
                        new org.bouncycastle.asn1.x509.DistributionPoint[] {new org.bouncycastle.asn1.x509.DistributionPoint(
                                new DistributionPointName(new GeneralNames(new GeneralName(
                                        GeneralName.uniformResourceIdentifier, url.toString()))), null, null)}))).build();
        byte[] revoking = crl(INTERMEDIATE, serial(leaf)).getEncoded();
        List<X509Certificate> path = chain(leaf, INTERMEDIATE);
        List<URI> asked = new ArrayList<>();
        // Off by default: nothing fetched, nothing known, accepted.
        validator(CrlChecking.off()).validate(path, WEB, KeyUse.DIGITAL_SIGNATURE);
        // The application's fetcher is asked for the leaf's distribution point and hands back the bytes.
        CrlChecking fetching = CrlChecking.of(CrlSet.empty()).withFetcher(uri -> {
            asked.add(uri);
            return revoking;
        });
        CertificateRejection e = catchThrowableOfType(CertificateRejection.class,
                () -> validator(fetching).validate(path, WEB, KeyUse.DIGITAL_SIGNATURE));
        assertRejection(e, ChainProblem.REVOKED, 0);
        assertThat(asked).containsExactly(url);
        // A fetch that fails (no network, over a size cap, ...): unknown; refused only when coverage is required.
        CrlChecking unavailable = CrlChecking.of(CrlSet.empty()).withFetcher(uri -> {
            throw new IOException("unreachable");
        });
        validator(unavailable).validate(path, WEB, KeyUse.DIGITAL_SIGNATURE);
        CertificateRejection unknown = catchThrowableOfType(CertificateRejection.class, () -> validator(
                unavailable.withCoverage(CrlChecking.Coverage.REQUIRED)).validate(path, WEB, KeyUse.DIGITAL_SIGNATURE));
        assertRejection(unknown, ChainProblem.REVOCATION_UNKNOWN, 1);
    }

    private static byte[] encoded(org.bouncycastle.asn1.ASN1Encodable v) {
        try {
            return v.toASN1Primitive().getEncoded("DER");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addExt(X509v2CRLBuilder b, org.bouncycastle.asn1.ASN1ObjectIdentifier oid, boolean critical,
                               org.bouncycastle.asn1.ASN1Encodable value) {
        try {
            b.addExtension(oid, critical, value);
        } catch (org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException(e);
        }
    }
}
