package dev.jtls.proxy.testing;

import dev.jtls.jsse.JtlsProvider;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
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
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throwaway CA and ECDSA P-256 leaves for given names, written as PEM under target/ for the proxy to load. */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static TestPki shared;

    public final Path dir;
    public final Path caPem;
    private final KeyPair caKeys;
    private final X509Certificate ca;

    private TestPki(Path dir) throws Exception {
        this.dir = dir;
        this.caKeys = p256();
        this.ca = issue("CN=proxy test CA", caKeys.getPublic(), true, new String[0]);
        this.caPem = dir.resolve("ca.pem");
        Files.writeString(caPem, pem("CERTIFICATE", ca.getEncoded()));
    }

    /** One CA per test JVM, in target/proxy-pki. */
    public static synchronized TestPki get() throws Exception {
        if (shared == null) {
            Path dir = Path.of("target", "proxy-pki-" + ProcessHandle.current().pid()).toAbsolutePath();
            Files.createDirectories(dir);
            shared = new TestPki(dir);
        }
        return shared;
    }

    /** A leaf for {@code names} (DNS, and 127.0.0.1): its chain and key files. */
    public Leaf leaf(String label, String... names) throws Exception {
        KeyPair keys = p256();
        X509Certificate cert = issue("CN=" + names[0], keys.getPublic(), false, names);
        Path certFile = dir.resolve(label + ".crt.pem");
        Path keyFile = dir.resolve(label + ".key.pem");
        Files.writeString(certFile, pem("CERTIFICATE", cert.getEncoded()) + pem("CERTIFICATE", ca.getEncoded()));
        Files.writeString(keyFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        return new Leaf(cert, keys.getPrivate(), certFile, keyFile);
    }

    public record Leaf(X509Certificate cert, PrivateKey key, Path certFile, Path keyFile) {
    }

    /** A jtls server context presenting {@code leaf} (with the CA in its chain). */
    public SSLContext jtlsServerContext(Leaf leaf) throws Exception {
        char[] password = "test".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("leaf", leaf.key(), password, new X509Certificate[] {leaf.cert(), ca});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(ks, password);
        SSLContext ctx = SSLContext.getInstance("TLSv1.2", new JtlsProvider());
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** A SunJSSE client context trusting the test CA. */
    public SSLContext clientContext() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLSv1.2");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private X509Certificate issue(String subject, java.security.PublicKey key, boolean isCa, String[] names) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=proxy test CA"),
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(1))), new X500Name(subject), key);
        JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        b.addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(key));
        if (isCa) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.authorityKeyIdentifier, false, ids.createAuthorityKeyIdentifier(caKeys.getPublic()));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            GeneralName[] sans = new GeneralName[names.length + 1];
            for (int i = 0; i < names.length; i++) {
                sans[i] = new GeneralName(GeneralName.dNSName, names[i]);
            }
            sans[names.length] = new GeneralName(GeneralName.iPAddress, "127.0.0.1");
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
