package dev.jtls.bench;

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
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificates every implementation in the handshake and bulk tables uses: an RSA-2048 leaf
 * for {@link #HOST} signed (sha256WithRSA) by an RSA-2048 CA, and an ECDSA P-256 leaf signed
 * (ecdsa-with-SHA256) by an ECDSA P-256 CA; every client trusts both CAs. Made once per JVM (per
 * JMH fork) with bcpkix; servers send the leaf alone. (One EC CA for both leaves does not work:
 * BCJSSE then refuses the RSA leaf whenever secp256r1 is not in the client's supported_groups —
 * the x25519 row and RSA key exchange, which sends no supported_groups.)
 */
final class Pki {
    static final String HOST = "server.test";

    /** A certificate with its private key. */
    record Issued(X509Certificate certificate, PrivateKey privateKey) {
    }

    static final Issued CA;
    static final Issued RSA_CA;
    static final Issued RSA_LEAF;
    static final Issued EC_LEAF;

    static {
        try {
            KeyPair ca = keyPair("EC");
            Instant now = Instant.now();
            CA = new Issued(issue("CN=jtls bench CA", ca, "CN=jtls bench CA", ca.getPrivate(), true, now), ca.getPrivate());
            KeyPair rsaCa = keyPair("RSA");
            RSA_CA = new Issued(issue("CN=jtls bench RSA CA", rsaCa, "CN=jtls bench RSA CA", rsaCa.getPrivate(), true, now),
                    rsaCa.getPrivate());
            KeyPair rsa = keyPair("RSA");
            RSA_LEAF = new Issued(issue("CN=" + HOST, rsa, "CN=jtls bench RSA CA", rsaCa.getPrivate(), false, now),
                    rsa.getPrivate());
            KeyPair ec = keyPair("EC");
            EC_LEAF = new Issued(issue("CN=" + HOST, ec, "CN=jtls bench CA", ca.getPrivate(), false, now), ec.getPrivate());
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Pki() {
    }

    static KeyPair keyPair(String algorithm) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("RSA")) {
            g.initialize(2048);
        } else {
            g.initialize(new ECGenParameterSpec("secp256r1"));
        }
        return g.generateKeyPair();
    }

    private static X509Certificate issue(String subject, KeyPair keys, String issuer, PrivateKey issuerKey, boolean ca,
                                         Instant now) throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(now.toEpochMilli()).add(BigInteger.valueOf(subject.hashCode() & 0xffff)),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))),
                new X500Name(subject), keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            boolean rsa = keys.getPublic().getAlgorithm().equals("RSA");
            // An RSA leaf serves both ECDHE_RSA (signing) and RSA key exchange (encipherment).
            b.addExtension(Extension.keyUsage, true, new KeyUsage(rsa
                    ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature));
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, HOST)));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder(issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA"
                        : "SHA256withECDSA").build(issuerKey)));
    }
}
