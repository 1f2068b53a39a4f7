package dev.jtls.interop;

import dev.jtls.pki.CertifiedKey;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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

/**
 * The test's own PKI, made once per JVM: a root CA, an intermediate CA under it, and leaves signed by
 * the intermediate (with key identifiers and extended key usages, as RFC 5280 and the Web PKI
 * rules of jtls's validator want them) — ECDSA P-256, ECDSA P-384, RSA-2048 and RSA-3072 server certificates for
 * "localhost", a second ECDSA one for "sni.test" (to see SNI pick it), and ECDSA P-256 and RSA-2048
 * client certificates. Each is also
 * written as PEM (certificate chain without the root; unencrypted PKCS#8 key) for the peers.
 */
final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() & 0xffffffffL);
    private static TestPki instance;

    /** A certificate chain (leaf, intermediate) with the leaf's key, and where their PEM files are. */
    record Leaf(List<X509Certificate> chain, PrivateKey key, Path chainPem, Path certPem, Path keyPem) {
        CertifiedKey certifiedKey() {
            return new CertifiedKey(chain, key);
        }

        String subject() {
            return chain.get(0).getSubjectX500Principal().getName();
        }

        /**
         * The leaf's subject as {@code openssl s_client} prints it: RDNs in encoded order (RFC 2253
         * lists them reversed), {@code "CN = localhost, OU = RSA"}. The test subjects have no commas in values.
         */
        String opensslSubject() {
            List<String> rdns = new java.util.ArrayList<>(List.of(subject().split(",")));
            java.util.Collections.reverse(rdns);
            return String.join(", ", rdns.stream().map(r -> r.replaceFirst("=", " = ")).toList());
        }

        /** The leaf's CN, as the peers print it. */
        String commonName() {
            String s = subject();
            int cn = s.indexOf("CN=");
            int end = s.indexOf(',', cn);
            return s.substring(cn + 3, end < 0 ? s.length() : end);
        }
    }

    final X509Certificate root;
    final Path rootPem;
    final Path intermediatePem;
    final Leaf ecServer;
    final Leaf rsaServer;
    final Leaf sniServer;
    final Leaf client;
    final Leaf rsaClient;
    final Leaf rsa3072Server;
    final Leaf ecP384Server;

    private TestPki(Path dir) throws Exception {
        Files.createDirectories(dir);
        KeyPair rootKeys = ec();
        KeyPair interKeys = ec();
        root = issue("CN=jtls interop root CA", rootKeys, "CN=jtls interop root CA", rootKeys, true, List.of());
        X509Certificate inter = issue("CN=jtls interop intermediate CA", interKeys, "CN=jtls interop root CA",
                rootKeys, true, List.of());
        rootPem = write(dir.resolve("root.pem"), pem("CERTIFICATE", root.getEncoded()));
        intermediatePem = write(dir.resolve("intermediate.pem"), pem("CERTIFICATE", inter.getEncoded()));
        ecServer = leaf(dir, "ec-server", "CN=localhost, OU=ECDSA", ec(), inter, interKeys,
                List.of("localhost", "127.0.0.1"));
        rsaServer = leaf(dir, "rsa-server", "CN=localhost, OU=RSA", rsa(2048), inter, interKeys,
                List.of("localhost", "127.0.0.1"));
        sniServer = leaf(dir, "sni-server", "CN=sni.test", ec(), inter, interKeys, List.of("sni.test"));
        client = leaf(dir, "client", "CN=jtls interop client", ec(), inter, interKeys, List.of());
        rsaClient = leaf(dir, "rsa-client", "CN=jtls interop RSA client", rsa(2048), inter, interKeys,
                List.of());
        rsa3072Server = leaf(dir, "rsa3072-server", "CN=localhost, OU=RSA-3072", rsa(3072), inter, interKeys,
                List.of("localhost", "127.0.0.1"));
        ecP384Server = leaf(dir, "p384-server", "CN=localhost, OU=ECDSA P-384", ec("secp384r1"), inter,
                interKeys, List.of("localhost", "127.0.0.1"));
    }

    static synchronized TestPki get() {
        if (instance == null) {
            try {
                instance = new TestPki(Peer.workDir().resolve("pki"));
            } catch (Exception e) {
                throw new IllegalStateException("could not make the test PKI", e);
            }
        }
        return instance;
    }

    private static Leaf leaf(Path dir, String name, String subject, KeyPair keys, X509Certificate issuer,
                             KeyPair issuerKey, List<String> names) throws Exception {
        X509Certificate cert = issue(subject, keys, issuer.getSubjectX500Principal().getName(), issuerKey, false, names);
        Path certPem = write(dir.resolve(name + "-cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
        Path chainPem = write(dir.resolve(name + "-chain.pem"), pem("CERTIFICATE", cert.getEncoded())
                + pem("CERTIFICATE", issuer.getEncoded()));
        Path keyPem = write(dir.resolve(name + "-key.pem"), pem("PRIVATE KEY", pkcs8(keys)));
        return new Leaf(List.of(cert, issuer), keys.getPrivate(), chainPem, certPem, keyPem);
    }

    /**
     * PKCS#8 for the peers. An EC key as the JDK encodes it has neither the curve nor the public key
     * inside its ECPrivateKey (RFC 5915 makes both optional), and GnuTLS 3.7 refuses that ("ASN1
     * parser: Element was not found"); so EC keys are written with both, which every peer reads.
     */
    private static byte[] pkcs8(KeyPair keys) throws Exception {
        if (!(keys.getPrivate() instanceof java.security.interfaces.ECPrivateKey)) {
            return keys.getPrivate().getEncoded();
        }
        java.security.interfaces.ECPrivateKey k = (java.security.interfaces.ECPrivateKey) keys.getPrivate();
        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo spki =
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        org.bouncycastle.asn1.sec.ECPrivateKey inner = new org.bouncycastle.asn1.sec.ECPrivateKey(
                k.getParams().getOrder().bitLength(), k.getS(), spki.getPublicKeyData(), spki.getAlgorithm().getParameters());
        return new org.bouncycastle.asn1.pkcs.PrivateKeyInfo(spki.getAlgorithm(), inner).getEncoded();
    }

    private static KeyPair ec() throws Exception {
        return ec("secp256r1");
    }

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    private static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    /**
     * With subject and authority key identifiers (RFC 5280 §4.2.1.1-2: a conforming CA includes
     * them), so that a strict RFC 5280 validator such as jtls's accepts the chains too.
     */
    private static X509Certificate issue(String subject, KeyPair subjectKeys, String issuer, KeyPair issuerKeys,
                                         boolean isCa, List<String> names) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(2))), new X500Name(subject), subjectKeys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
        b.addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(subjectKeys.getPublic()));
        b.addExtension(Extension.authorityKeyIdentifier, false, ids.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(isCa ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        if (!isCa) {
            // CA/B Forum BR §7.1.2.7.10: a Web PKI leaf names its purpose; the leaves with names are servers.
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    names.isEmpty() ? KeyPurposeId.id_kp_clientAuth : KeyPurposeId.id_kp_serverAuth));
        }
        if (!names.isEmpty()) {
            List<GeneralName> gns = new ArrayList<>();
            for (String n : names) {
                gns.add(n.matches("[0-9.]+")
                        ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(n).getHostAddress())
                        : new GeneralName(GeneralName.dNSName, n));
            }
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(gns.toArray(new GeneralName[0])));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        return file;
    }
}
