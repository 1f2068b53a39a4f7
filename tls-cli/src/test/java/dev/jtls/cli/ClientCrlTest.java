package dev.jtls.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * `jtls client --crl` and `--crl-fetch`: a server whose certificate the CA revoked is refused with
 * certificate_revoked, by a CRL from a file or fetched from the certificate's distribution point.
 */
class ClientCrlTest {
    private static final Instant NOW = Instant.now();

    @Test
    void aRevokedServerCertificateIsRefusedAndAnUnrevokedOneAccepted() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "client-crl"));
        KeyPair caKeys = p256();
        KeyPair leafKeys = p256();
        X509Certificate ca = certificate("CN=CRL test CA", caKeys, "CN=CRL test CA", caKeys, true, BigInteger.ONE, null);
        X509Certificate leaf = certificate("CN=localhost", leafKeys, "CN=CRL test CA", caKeys, false, BigInteger.TWO, null);
        Path caPem = write(dir, "ca.pem", Pem.encode("CERTIFICATE", ca.getEncoded()));
        Path chain = write(dir, "chain.pem", Pem.encode("CERTIFICATE", leaf.getEncoded()));
        Path key = write(dir, "key.pem", Pem.encode("PRIVATE KEY", leafKeys.getPrivate().getEncoded()));
        Path revoked = write(dir, "revoked.crl", Pem.encode("X509 CRL", crl(caKeys, BigInteger.TWO)));
        Path clean = write(dir, "clean.crl", Pem.encode("X509 CRL", crl(caKeys, BigInteger.TEN)));

        RunningServer server = RunningServer.start("--cert", chain.toString(), "--key", key.toString(), "--echo",
                "--count", "2", "--idle-timeout", "10s");
        int p = server.port;

        String[] refused = client("127.0.0.1:" + p, "--sni", "localhost", "--trust", caPem.toString(), "--crl",
                revoked.toString(), "--wait", "300");
        assertThat(refused[0]).as(refused[1]).isEqualTo("1");
        assertThat(refused[1]).contains("revoked");
        String[] accepted = client("127.0.0.1:" + p, "--sni", "localhost", "--trust", caPem.toString(), "--crl",
                clean.toString(), "--wait", "300");
        assertThat(accepted[0]).as(accepted[1]).isEqualTo("0");
        // The server saw both connections (the first ended by the client's alert) and stops after them.
        assertThat(server.exit.get(20, TimeUnit.SECONDS)).as(server.log()).isNotNull();
    }

    @Test
    void withCrlFetchTheCrlComesFromTheCertificatesDistributionPoint() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "client-crl-fetch"));
        KeyPair caKeys = p256();
        KeyPair leafKeys = p256();
        byte[] revoking = crl(caKeys, BigInteger.TWO);
        AtomicInteger fetched = new AtomicInteger();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        http.createContext("/ca.crl", ex -> {
            fetched.incrementAndGet();
            ex.sendResponseHeaders(200, revoking.length);
            ex.getResponseBody().write(revoking);
            ex.close();
        });
        http.start();
        try {
            String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/ca.crl";
            X509Certificate ca = certificate("CN=CRL test CA", caKeys, "CN=CRL test CA", caKeys, true, BigInteger.ONE, null);
            X509Certificate leaf = certificate("CN=localhost", leafKeys, "CN=CRL test CA", caKeys, false, BigInteger.TWO, url);
            Path caPem = write(dir, "ca.pem", Pem.encode("CERTIFICATE", ca.getEncoded()));
            Path chain = write(dir, "chain.pem", Pem.encode("CERTIFICATE", leaf.getEncoded()));
            Path key = write(dir, "key.pem", Pem.encode("PRIVATE KEY", leafKeys.getPrivate().getEncoded()));
            RunningServer server = RunningServer.start("--cert", chain.toString(), "--key", key.toString(), "--echo",
                    "--count", "2", "--idle-timeout", "10s");
            String target = "127.0.0.1:" + server.port;

            // Without --crl-fetch nothing is fetched: the status is unknown, and accepted.
            String[] unfetched = client(target, "--sni", "localhost", "--trust", caPem.toString(), "--wait", "300");
            assertThat(unfetched[0]).as(unfetched[1]).isEqualTo("0");
            assertThat(fetched).hasValue(0);
            String[] refused = client(target, "--sni", "localhost", "--trust", caPem.toString(), "--crl-fetch",
                    "--wait", "300");
            assertThat(refused[0]).as(refused[1]).isEqualTo("1");
            assertThat(refused[1]).contains("revoked");
            assertThat(fetched).hasValue(1);
            assertThat(server.exit.get(20, TimeUnit.SECONDS)).as(server.log()).isNotNull();
        } finally {
            http.stop(0);
        }
    }

    private static String[] client(String... args) {
        ClientCommand c = new ClientCommand();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        c.in = new ByteArrayInputStream("hi\n".getBytes(StandardCharsets.UTF_8));
        c.out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        c.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = new CommandLine(c).execute(args);
        return new String[] {Integer.toString(code), err.toString(StandardCharsets.UTF_8)};
    }

    private static Path write(Path dir, String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }

    private static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static byte[] crl(KeyPair caKeys, BigInteger revokedSerial) throws Exception {
        X509v2CRLBuilder b = new X509v2CRLBuilder(new X500Name("CN=CRL test CA"), Date.from(NOW.minus(Duration.ofHours(1))));
        b.setNextUpdate(Date.from(NOW.plus(Duration.ofDays(1))));
        b.addCRLEntry(revokedSerial, Date.from(NOW.minus(Duration.ofHours(1))), CRLReason.keyCompromise);
        return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())).getEncoded();
    }

    private static X509Certificate certificate(String subject, KeyPair keys, String issuer, KeyPair issuerKeys, boolean ca,
                                               BigInteger serial, String crlUrl) throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer), serial,
                Date.from(NOW.minus(Duration.ofHours(1))), Date.from(NOW.plus(Duration.ofDays(1))), new X500Name(subject),
                keys.getPublic());
        JcaX509ExtensionUtils ids = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.subjectKeyIdentifier, false, ids.createSubjectKeyIdentifier(keys.getPublic()));
        if (ca) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.authorityKeyIdentifier, false, ids.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                    new GeneralName(GeneralName.dNSName, "localhost")));
            if (crlUrl != null) {
                b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                    new DistributionPoint(new DistributionPointName(new GeneralNames(
                            new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl))), null, null)}));
            }
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }
}
