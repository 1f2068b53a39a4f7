package dev.jtls.testing;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test-only certificate builder (bcpkix, test scope) that can make any certificate the validator must
 * judge: any serial (zero, negative, 21 octets), validity, key, signature algorithm or signing key,
 * and any list of extensions with any critical flag, duplicates included. The tbsCertificate is
 * assembled by hand so that nothing is normalised away.
 *
 * <p>Defaults follow the Web PKI: CAs get a critical basicConstraints cA=true, a critical keyUsage
 * keyCertSign|cRLSign, an SKI and (unless self-signed) an AKI; leaves get keyUsage
 * digitalSignature|keyEncipherment, EKU serverAuth, a SAN with their name, SKI and AKI. Validity is
 * around {@link #NOW}, the clock the tests validate at.
 */
public final class CertBuilder {
    /** The instant tests validate at (a fixed clock). */
    public static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final AtomicLong SERIAL = new AtomicLong(0x1000);
    private static final KeyPair[] CACHE = new KeyPair[Kind.values().length];

    /** A key and its certificate. */
    public record Issued(X509Certificate certificate, KeyPair keys) implements IssuedCertificate {
        @Override
        public PrivateKey privateKey() {
            return keys.getPrivate();
        }

        public X500Name name() {
            return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        }
    }

    public enum Kind { RSA_1024, RSA_2048, EC_P256, EC_P384, EC_P521, ED25519, EC_P224, EC_P192 }

    private X500Name subject;
    private KeyPair keys;
    private X500Name issuerName;
    private PrivateKey signingKey;
    private PrivateKey signingKeyOverride;
    private PublicKey issuerKey;
    private boolean selfSigned;
    private BigInteger serial = BigInteger.valueOf(SERIAL.incrementAndGet());
    private Instant notBefore = NOW.minus(Duration.ofDays(10));
    private Instant notAfter = NOW.plus(Duration.ofDays(300));
    private String signatureAlgorithm;
    private int version = 3;
    private int pssSalt = -1;
    private String pssHash = "SHA-256";
    private final List<Extension> extensions = new ArrayList<>();

    private CertBuilder(String subject, KeyPair keys) {
        this.subject = new X500Name(subject);
        this.keys = keys;
    }

    /** A self-signed root CA "CN=name". */
    public static CertBuilder root(String cn, Kind kind) {
        CertBuilder b = new CertBuilder("CN=" + cn, fresh(kind));
        b.issuerName = b.subject;
        b.selfSigned = true;
        return b.caExtensions(-1).withSki();
    }

    /** An intermediate CA "CN=name" issued by {@code issuer}. */
    public static CertBuilder intermediate(String cn, Issued issuer) {
        return intermediate(cn, issuer, fresh(Kind.EC_P256));
    }

    public static CertBuilder intermediate(String cn, Issued issuer, KeyPair keys) {
        CertBuilder b = new CertBuilder("CN=" + cn, keys).issuedBy(issuer);
        return b.caExtensions(-1).withSki().withAki();
    }

    /** A serverAuth leaf "CN=host" with SAN DNS:host, issued by {@code issuer}. */
    public static CertBuilder leaf(String host, Issued issuer) {
        CertBuilder b = new CertBuilder("CN=" + host, fresh(Kind.EC_P256)).issuedBy(issuer);
        b.extensions.add(ext(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment)));
        b.extensions.add(ext(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)));
        b.extensions.add(ext(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, host))));
        return b.withSki().withAki();
    }

    private CertBuilder issuedBy(Issued issuer) {
        this.issuerName = issuer.name();
        this.signingKey = issuer.privateKey();
        this.issuerKey = issuer.keys().getPublic();
        return this;
    }

    private CertBuilder caExtensions(int pathLen) {
        extensions.add(ext(Extension.basicConstraints, true,
                pathLen < 0 ? new BasicConstraints(true) : new BasicConstraints(pathLen)));
        extensions.add(ext(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)));
        return this;
    }

    private CertBuilder withSki() {
        extensions.add(ext(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId(keys.getPublic()))));
        return this;
    }

    private CertBuilder withAki() {
        extensions.add(ext(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyId(issuerKey))));
        return this;
    }

    /** RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING. */
    public static byte[] keyId(PublicKey key) {
        try {
            byte[] bits = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getBytes();
            return MessageDigest.getInstance("SHA-1").digest(bits);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair fresh(Kind kind) {
        try {
            KeyPairGenerator g;
            switch (kind) {
                case RSA_1024:
                case RSA_2048:
                    g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(kind == Kind.RSA_1024 ? 1024 : 2048);
                    break;
                case ED25519:
                    g = KeyPairGenerator.getInstance("Ed25519");
                    break;
                case EC_P224:
                case EC_P192:
                    // Not in the JDK's SunEC since 16: Bouncy Castle's provider makes the key.
                    g = KeyPairGenerator.getInstance("EC", new org.bouncycastle.jce.provider.BouncyCastleProvider());
                    g.initialize(new ECGenParameterSpec(kind == Kind.EC_P224 ? "secp224r1" : "secp192r1"));
                    break;
                default:
                    g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec(kind == Kind.EC_P256 ? "secp256r1"
                            : kind == Kind.EC_P384 ? "secp384r1" : kind == Kind.EC_P521 ? "secp521r1" : "secp224r1"));
                    break;
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One key per kind for the whole test run (RSA generation is slow). */
    public static synchronized KeyPair cached(Kind kind) {
        if (CACHE[kind.ordinal()] == null) {
            CACHE[kind.ordinal()] = fresh(kind);
        }
        return CACHE[kind.ordinal()];
    }

    public static Extension ext(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        try {
            return new Extension(oid, critical, new DEROctetString(value.toASN1Primitive().getEncoded("DER")));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Extension raw(String oid, boolean critical, byte[] value) {
        return new Extension(new ASN1ObjectIdentifier(oid), critical, new DEROctetString(value));
    }

    public CertBuilder keys(KeyPair keys) {
        this.keys = keys;
        return replace(ext(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId(keys.getPublic()))));
    }

    public CertBuilder key(Kind kind) {
        return keys(cached(kind));
    }

    public CertBuilder serial(BigInteger serial) {
        this.serial = serial;
        return this;
    }

    public CertBuilder validity(Instant notBefore, Instant notAfter) {
        this.notBefore = notBefore;
        this.notAfter = notAfter;
        return this;
    }

    public CertBuilder expired() {
        return validity(NOW.minus(Duration.ofDays(100)), NOW.minus(Duration.ofDays(1)));
    }

    public CertBuilder notYetValid() {
        return validity(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(100)));
    }

    /** JCA signature name, e.g. "SHA1withRSA", "SHA256withRSAandMGF1", "SHA384withECDSA". */
    public CertBuilder signatureAlgorithm(String name) {
        this.signatureAlgorithm = name;
        return this;
    }

    /** Signs with another key than the issuer's (names unchanged): a bad signature. */
    public CertBuilder signedWith(PrivateKey key) {
        this.signingKeyOverride = key;
        return this;
    }

    /** RSA-PSS with SHA-256, MGF1-SHA-256 and this salt length. */
    public CertBuilder pssSalt(int saltLength) {
        return pss("SHA-256", saltLength);
    }

    /** RSA-PSS with this hash ("SHA-256"), MGF1 with the same hash, and this salt length. */
    public CertBuilder pss(String hash, int saltLength) {
        this.pssHash = hash;
        this.pssSalt = saltLength;
        return this;
    }

    /** Another subject DN ("" for an empty one); a root stays self-issued. */
    public CertBuilder subjectName(String dn) {
        this.subject = new X500Name(dn);
        if (selfSigned) {
            this.issuerName = subject;
        }
        return this;
    }

    public CertBuilder issuerName(String dn) {
        this.issuerName = new X500Name(dn);
        return this;
    }

    public CertBuilder version(int version) {
        this.version = version;
        return this;
    }

    public CertBuilder pathLen(int pathLen) {
        return replace(ext(Extension.basicConstraints, true, new BasicConstraints(pathLen)));
    }

    public CertBuilder without(ASN1ObjectIdentifier oid) {
        extensions.removeIf(e -> e.getExtnId().equals(oid));
        return this;
    }

    /** Replaces the extension with the same OID (in place) or appends it. */
    public CertBuilder replace(Extension e) {
        for (int i = 0; i < extensions.size(); i++) {
            if (extensions.get(i).getExtnId().equals(e.getExtnId())) {
                extensions.set(i, e);
                return this;
            }
        }
        extensions.add(e);
        return this;
    }

    public CertBuilder replace(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
        return replace(ext(oid, critical, value));
    }

    /** Appends, even if an extension with that OID is already there (duplicates on purpose). */
    public CertBuilder add(Extension e) {
        extensions.add(e);
        return this;
    }

    public CertBuilder keyUsage(int bits) {
        return replace(Extension.keyUsage, true, new KeyUsage(bits));
    }

    public CertBuilder eku(KeyPurposeId... purposes) {
        return replace(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
    }

    public Issued build() {
        try {
            X509Certificate x = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(buildDer()));
            return new Issued(x, keys);
        } catch (Exception e) {
            throw new IllegalStateException("could not make a test certificate", e);
        }
    }

    /** The DER of the certificate, not parsed (for encodings the JDK's CertificateFactory refuses). */
    public byte[] buildDer() {
        try {
            PrivateKey by = signingKeyOverride != null ? signingKeyOverride
                    : selfSigned ? keys.getPrivate() : signingKey;
            String alg = signatureAlgorithm != null ? signatureAlgorithm
                    : IssuedCertificate.defaultSignatureAlgorithm(by);
            JcaContentSignerBuilder jca = new JcaContentSignerBuilder(alg);
            if (by.getClass().getName().startsWith("org.bouncycastle.")) {
                // A curve SunEC dropped (P-192, P-224): sign with Bouncy Castle's provider.
                jca.setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
            }
            ContentSigner signer = pssSalt < 0 ? jca.build(by) : null;
            AlgorithmIdentifier sigAlg = signer != null ? signer.getAlgorithmIdentifier() : pssAlgorithm();
            ASN1EncodableVector tbs = new ASN1EncodableVector();
            if (version != 1) {
                tbs.add(new DERTaggedObject(true, 0, new ASN1Integer(version - 1)));
            }
            tbs.add(new ASN1Integer(serial));
            tbs.add(sigAlg);
            tbs.add(issuerName);
            tbs.add(new DERSequence(new ASN1Encodable[] {new Time(Date.from(notBefore)), new Time(Date.from(notAfter))}));
            tbs.add(subject);
            tbs.add(SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
            if (!extensions.isEmpty()) {
                tbs.add(new DERTaggedObject(true, 3, new DERSequence(extensions.toArray(new Extension[0]))));
            }
            byte[] tbsDer = new DERSequence(tbs).getEncoded("DER");
            byte[] signature;
            if (signer != null) {
                signer.getOutputStream().write(tbsDer);
                signature = signer.getSignature();
            } else {
                java.security.Signature pss = java.security.Signature.getInstance("RSASSA-PSS");
                pss.initSign(by);
                pss.setParameter(new java.security.spec.PSSParameterSpec(pssHash, "MGF1",
                        new java.security.spec.MGF1ParameterSpec(pssHash), pssSalt, 1));
                pss.update(tbsDer);
                signature = pss.sign();
            }
            return new DERSequence(new ASN1Encodable[] {
                DERSequence.getInstance(tbsDer), sigAlg, new DERBitString(signature)}).getEncoded("DER");
        } catch (Exception e) {
            throw new IllegalStateException("could not make a test certificate", e);
        }
    }

    private AlgorithmIdentifier pssAlgorithm() {
        ASN1ObjectIdentifier hashOid = pssHash.equals("SHA-256") ? org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256
                : pssHash.equals("SHA-384") ? org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha384
                : org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha512;
        AlgorithmIdentifier hash = new AlgorithmIdentifier(hashOid, org.bouncycastle.asn1.DERNull.INSTANCE);
        return new AlgorithmIdentifier(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_RSASSA_PSS,
                new org.bouncycastle.asn1.pkcs.RSASSAPSSparams(hash,
                        new AlgorithmIdentifier(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_mgf1, hash),
                        new ASN1Integer(pssSalt), new ASN1Integer(1)));
    }

    /** The certificates of some issued ones, in the given order. */
    public static List<X509Certificate> chain(Issued... certs) {
        List<X509Certificate> out = new ArrayList<>();
        for (Issued i : certs) {
            out.add(i.certificate());
        }
        return out;
    }

    @Override
    public String toString() {
        return "CertBuilder[" + subject + ", " + Arrays.toString(extensions.toArray()) + "]";
    }
}
