package dev.jtls.testing;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test-only certificate factory (bcpkix, test scope): CAs and leaves with chosen keys, names and dates. */
public final class TestCerts {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() & 0xffffffffL);

    /** The kinds of key tests make. */
    public enum Kind { RSA_2048, EC_P256, EC_P384, EC_P521, ED25519 }

    /** A certificate with its private key. */
    public record Issued(X509Certificate certificate, PrivateKey privateKey) implements IssuedCertificate {
    }

    private TestCerts() {
    }

    public static KeyPair keyPair(Kind kind) {
        try {
            KeyPairGenerator g;
            switch (kind) {
                case RSA_2048:
                    g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048);
                    break;
                case EC_P256:
                case EC_P384:
                case EC_P521:
                    g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec(kind == Kind.EC_P256 ? "secp256r1"
                            : kind == Kind.EC_P384 ? "secp384r1" : "secp521r1"));
                    break;
                case ED25519:
                    g = KeyPairGenerator.getInstance("Ed25519");
                    break;
                default:
                    throw new AssertionError(kind);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed CA valid from an hour ago for a year. */
    public static Issued ca(String cn, Kind kind) {
        KeyPair kp = keyPair(kind);
        Instant now = Instant.now();
        return issue("CN=" + cn, kp, "CN=" + cn, kp.getPrivate(), true, List.of(),
                now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(365)));
    }

    /**
     * A leaf signed by {@code issuer}, naming the given DNS names and IP addresses in its SAN (no SAN
     * extension if the list is empty). A name is an IP address if it looks like one, else a DNS name;
     * a prefix says the type explicitly: {@code DNS:}, {@code IP:}, {@code email:} or {@code URI:}.
     */
    public static Issued leaf(Issued issuer, String cn, Kind kind, List<String> dnsOrIp) {
        Instant now = Instant.now();
        return leaf(issuer, cn, kind, dnsOrIp, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
    }

    public static Issued leaf(Issued issuer, String cn, Kind kind, List<String> dnsOrIp, Instant notBefore,
                              Instant notAfter) {
        KeyPair kp = keyPair(kind);
        return issue("CN=" + cn, kp, issuer.certificate().getSubjectX500Principal().getName(), issuer.privateKey(),
                false, dnsOrIp, notBefore, notAfter);
    }

    /** A leaf with a whole subject DN of the caller's choosing (e.g. two CNs, or none). */
    public static Issued leafWithSubject(Issued issuer, String subjectDn, Kind kind, List<String> dnsOrIp) {
        KeyPair kp = keyPair(kind);
        Instant now = Instant.now();
        return issue(subjectDn, kp, issuer.certificate().getSubjectX500Principal().getName(), issuer.privateKey(),
                false, dnsOrIp, null, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
    }

    /**
     * A leaf whose non-critical subjectAltName extension value is exactly {@code sanDer}, for malformed
     * or unusual SANs that the builder would not make.
     */
    public static Issued leafWithRawSan(Issued issuer, String cn, Kind kind, byte[] sanDer) {
        KeyPair kp = keyPair(kind);
        Instant now = Instant.now();
        return issue("CN=" + cn, kp, issuer.certificate().getSubjectX500Principal().getName(), issuer.privateKey(),
                false, List.of(), sanDer, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
    }

    /** An intermediate CA signed by {@code issuer}. */
    public static Issued intermediate(Issued issuer, String cn, Kind kind) {
        KeyPair kp = keyPair(kind);
        Instant now = Instant.now();
        return issue("CN=" + cn, kp, issuer.certificate().getSubjectX500Principal().getName(), issuer.privateKey(),
                true, List.of(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(180)));
    }

    private static Issued issue(String subject, KeyPair subjectKeys, String issuer, PrivateKey issuerKey,
                                boolean isCa, List<String> names, Instant notBefore, Instant notAfter) {
        return issue(subject, subjectKeys, issuer, issuerKey, isCa, names, null, notBefore, notAfter);
    }

    private static Issued issue(String subject, KeyPair subjectKeys, String issuer, PrivateKey issuerKey,
                                boolean isCa, List<String> names, byte[] rawSan, Instant notBefore,
                                Instant notAfter) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    new X500Name(subject), subjectKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(isCa
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                    : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (!names.isEmpty()) {
                List<GeneralName> gns = new ArrayList<>();
                for (String n : names) {
                    gns.add(generalName(n));
                }
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(gns.toArray(new GeneralName[0])));
            }
            if (rawSan != null) {
                b.addExtension(Extension.subjectAlternativeName, false, rawSan);
            }
            ContentSigner signer = new JcaContentSignerBuilder(IssuedCertificate.defaultSignatureAlgorithm(issuerKey))
                    .build(issuerKey);
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer));
            return new Issued(cert, subjectKeys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("could not make a test certificate", e);
        }
    }

    private static GeneralName generalName(String n) throws java.net.UnknownHostException {
        if (n.startsWith("DNS:")) {
            return new GeneralName(GeneralName.dNSName, n.substring(4));
        }
        if (n.startsWith("IP:")) {
            return new GeneralName(GeneralName.iPAddress, InetAddress.getByName(n.substring(3)).getHostAddress());
        }
        if (n.startsWith("email:")) {
            return new GeneralName(GeneralName.rfc822Name, n.substring(6));
        }
        if (n.startsWith("URI:")) {
            return new GeneralName(GeneralName.uniformResourceIdentifier, n.substring(4));
        }
        boolean ip = n.indexOf(':') >= 0 || n.matches("[0-9.]+");
        return ip ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(n).getHostAddress())
                : new GeneralName(GeneralName.dNSName, n);
    }
}
