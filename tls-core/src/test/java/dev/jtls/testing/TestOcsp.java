package dev.jtls.testing;

import dev.jtls.testing.TestCerts.Issued;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** Test-only OCSP responses and responder certificates, made with bcpkix's BasicOCSPRespBuilder. */
public final class TestOcsp {
    private TestOcsp() {
    }

    /** Which hash the CertID uses. */
    public enum IdHash { SHA1, SHA256 }

    /**
     * Everything one response says; {@link #of} fills the usual values (issuer-signed, responder
     * named by key, SHA-1 CertID, produced and updated an hour ago, next update in three days).
     */
    public record Spec(X509Certificate leaf, X509Certificate issuer, BigInteger serial, CertificateStatus status,
                       IssuedCertificate signer, boolean byName, List<X509Certificate> certs, IdHash idHash,
                       Instant producedAt, Instant thisUpdate, Instant nextUpdate, String signatureAlgorithm) {
        public static Spec of(IssuedCertificate leaf, IssuedCertificate issuer, Instant now) {
            return new Spec(leaf.certificate(), issuer.certificate(), leaf.certificate().getSerialNumber(),
                    CertificateStatus.GOOD, issuer, false, List.of(), IdHash.SHA1, now.minusSeconds(3600),
                    now.minusSeconds(3600), now.plusSeconds(3 * 86400), null);
        }

        public Spec status(CertificateStatus s) {
            return new Spec(leaf, issuer, serial, s, signer, byName, certs, idHash, producedAt, thisUpdate, nextUpdate,
                    signatureAlgorithm);
        }

        public Spec signer(IssuedCertificate s, List<X509Certificate> included) {
            return new Spec(leaf, issuer, serial, status, s, byName, included, idHash, producedAt, thisUpdate,
                    nextUpdate, signatureAlgorithm);
        }

        public Spec withResponderByName() {
            return new Spec(leaf, issuer, serial, status, signer, true, certs, idHash, producedAt, thisUpdate,
                    nextUpdate, signatureAlgorithm);
        }

        public Spec idHash(IdHash h) {
            return new Spec(leaf, issuer, serial, status, signer, byName, certs, h, producedAt, thisUpdate, nextUpdate,
                    signatureAlgorithm);
        }

        public Spec serial(BigInteger s) {
            return new Spec(leaf, issuer, s, status, signer, byName, certs, idHash, producedAt, thisUpdate, nextUpdate,
                    signatureAlgorithm);
        }

        public Spec times(Instant produced, Instant thisU, Instant nextU) {
            return new Spec(leaf, issuer, serial, status, signer, byName, certs, idHash, produced, thisU, nextU,
                    signatureAlgorithm);
        }

        public Spec signatureAlgorithm(String jcaName) {
            return new Spec(leaf, issuer, serial, status, signer, byName, certs, idHash, producedAt, thisUpdate,
                    nextUpdate, jcaName);
        }
    }

    /** The DER OCSPResponse. */
    public static byte[] response(Spec s) {
        try {
            var digests = new JcaDigestCalculatorProviderBuilder().build();
            DigestCalculator sha1 = digests.get(CertificateID.HASH_SHA1);
            DigestCalculator idDigest = s.idHash() == IdHash.SHA1 ? sha1
                    : digests.get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256));
            CertificateID id = new CertificateID(idDigest, new JcaX509CertificateHolder(s.issuer()), s.serial());
            X509Certificate signerCert = s.signer().certificate();
            RespID respId = s.byName() ? new RespID(X500Name.getInstance(signerCert.getSubjectX500Principal().getEncoded()))
                    : new RespID(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
                            signerCert.getPublicKey().getEncoded()), sha1);
            BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(respId);
            b.addResponse(id, s.status(), Date.from(s.thisUpdate()),
                    s.nextUpdate() == null ? null : Date.from(s.nextUpdate()));
            X509CertificateHolder[] chain = new X509CertificateHolder[s.certs().size()];
            for (int i = 0; i < chain.length; i++) {
                chain[i] = new JcaX509CertificateHolder(s.certs().get(i));
            }
            PrivateKey key = s.signer().privateKey();
            String alg = s.signatureAlgorithm() != null ? s.signatureAlgorithm()
                    : IssuedCertificate.defaultSignatureAlgorithm(key);
            JcaContentSignerBuilder signer = new JcaContentSignerBuilder(alg);
            if (alg.contains("MGF1")) {
                // The JDK names RSASSA-PSS differently; Bouncy Castle's provider knows "SHAxWITHRSAANDMGF1".
                signer.setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
            }
            BasicOCSPResp basic = b.build(signer.build(key), chain,
                    Date.from(s.producedAt()));
            OCSPResp resp = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic);
            return resp.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("could not make a test OCSP response", e);
        }
    }

    /** An unsuccessful OCSPResponse (no responseBytes) with the given status, e.g. 3 = tryLater. */
    public static byte[] unsuccessful(int status) {
        try {
            return new OCSPRespBuilder().build(status, null).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A delegated responder certificate issued by {@code issuer}, with id-kp-OCSPSigning when
     * {@code ocspSigning}, valid from {@code notBefore} to {@code notAfter}.
     */
    public static Issued responder(IssuedCertificate issuer, String cn, boolean ocspSigning, Instant notBefore,
                                   Instant notAfter) {
        try {
            KeyPair kp = TestCerts.keyPair(TestCerts.Kind.EC_P256);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
                    BigInteger.valueOf(System.nanoTime() & 0xffffffffL), Date.from(notBefore), Date.from(notAfter),
                    new X500Name("CN=" + cn), kp.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    ocspSigning ? KeyPurposeId.id_kp_OCSPSigning : KeyPurposeId.id_kp_serverAuth));
            X509Certificate c = new JcaX509CertificateConverter().getCertificate(b.build(
                    new JcaContentSignerBuilder(IssuedCertificate.defaultSignatureAlgorithm(issuer.privateKey()))
                            .build(issuer.privateKey())));
            return new Issued(c, kp.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("could not make a test responder certificate", e);
        }
    }
}
