package dev.jtls.cli;

import dev.jtls.pki.CertifiedKey;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway CA and a "localhost" server certificate signed by it (ECDSA P-256), valid for a
 * day, for {@code jtls demo} and for a {@code jtls server} started without --cert. Never for
 * real use: the keys live only in memory.
 */
final class DemoCertificates {
    final X509Certificate ca;
    final CertifiedKey server;

    private DemoCertificates(X509Certificate ca, CertifiedKey server) {
        this.ca = ca;
        this.server = server;
    }

    static DemoCertificates create() throws GeneralSecurityException {
        return create(p256());
    }

    /** The same with an RSA 2048 server key (for ECDHE_RSA and RSA key exchange; the CA stays ECDSA). */
    static DemoCertificates createRsa() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return create(g.generateKeyPair());
    }

    /**
     * One self-signed "localhost" certificate as {@code openssl req -x509 -subj /CN=localhost -addext
     * subjectAltName=DNS:localhost} makes it (basicConstraints CA:TRUE, no keyUsage, no EKU), for
     * {@code jtls demo --self-signed}: the client trusts exactly that certificate (direct trust).
     */
    static DemoCertificates selfSigned() throws GeneralSecurityException {
        KeyPair keys = p256();
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=localhost"),
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(1))), new X500Name("CN=localhost"), keys.getPublic());
            JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new DemoCertificates(cert, new CertifiedKey(List.of(cert), keys.getPrivate()));
        } catch (OperatorCreationException | java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new GeneralSecurityException("could not make the demo certificate: " + e.getMessage(), e);
        }
    }

    private static DemoCertificates create(KeyPair serverKeys) throws GeneralSecurityException {
        KeyPair caKeys = p256();
        Instant now = Instant.now();
        X509Certificate ca = issue("CN=jtls demo CA", caKeys, "CN=jtls demo CA", caKeys, true, now);
        X509Certificate leaf = issue("CN=localhost", serverKeys, "CN=jtls demo CA", caKeys, false, now);
        return new DemoCertificates(ca, new CertifiedKey(List.of(leaf, ca), serverKeys.getPrivate()));
    }

    private static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /**
     * A certificate that passes the Web PKI profile jtls's validator applies (RFC 5280 and the CA/B
     * Forum baseline): key identifiers on both; the leaf may serve and, in the CLI tests, act as a client
     * (serverAuth and clientAuth EKU).
     */
    private static X509Certificate issue(String subject, KeyPair keys, String issuer, KeyPair issuerKeys,
                                         boolean isCa, Instant now) throws GeneralSecurityException {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(now.toEpochMilli()).shiftLeft(1).add(BigInteger.valueOf(isCa ? 0 : 1)),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))),
                    new X500Name(subject), keys.getPublic());
            JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            b.addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(keys.getPublic()));
            if (!isCa) {
                b.addExtension(Extension.authorityKeyIdentifier, false,
                        ids.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            }
            // RFC 5246 §7.4.2: an RSA key used for RSA key exchange needs keyEncipherment as well.
            int leafUsage = "RSA".equals(keys.getPublic().getAlgorithm())
                    ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature;
            b.addExtension(Extension.keyUsage, true, new KeyUsage(isCa ? KeyUsage.keyCertSign | KeyUsage.cRLSign : leafUsage));
            if (!isCa) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (OperatorCreationException | java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new GeneralSecurityException("could not make the demo certificates: " + e.getMessage(), e);
        }
    }
}
