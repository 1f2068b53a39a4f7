package dev.jtls.proxy.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import dev.jtls.jsse.JtlsProvider;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate chain and its private key read from PEM files (RFC 7468): the chain through the JDK's
 * {@code CertificateFactory} (which reads concatenated PEM blocks itself), the key as an unencrypted
 * PKCS#8 {@code PRIVATE KEY} block (RSA, EC or Ed25519).
 */
record PemKeyMaterial(List<X509Certificate> chain, PrivateKey key) {
    private static final Pattern KEY_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z ]*PRIVATE KEY)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    PemKeyMaterial {
        chain = List.copyOf(chain);
    }

    static PemKeyMaterial load(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        return new PemKeyMaterial(certificates(certFile), privateKey(keyFile));
    }

    static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        byte[] bytes = Files.readAllBytes(file);
        for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(bytes))) {
            chain.add((X509Certificate) c);
        }
        if (chain.isEmpty()) {
            throw new IOException(file + ": no '-----BEGIN CERTIFICATE-----' block");
        }
        return chain;
    }

    /** jtls's PKIX trust managers (RFC 5280 validation) over the CA certificates of a PEM file. */
    static TrustManager[] trustManagers(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        int i = 0;
        for (X509Certificate ca : certificates(caFile)) {
            anchors.setCertificateEntry("ca" + i++, ca);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", new JtlsProvider());
        tmf.init(anchors);
        return tmf.getTrustManagers();
    }

    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        Matcher m = KEY_BLOCK.matcher(new String(Files.readAllBytes(file), StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw new IOException(file + ": no '-----BEGIN PRIVATE KEY-----' block");
        }
        if (!m.group(1).equals("PRIVATE KEY")) {
            throw new IOException(file + ": '" + m.group(1) + "' is not supported; convert it to PKCS#8 with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in " + file + "'");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": bad base64 in the PRIVATE KEY block");
        }
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // not this algorithm; try the next
            }
        }
        throw new InvalidKeySpecException(file + ": the private key is not an EC, RSA or Ed25519 PKCS#8 key");
    }
}
