package dev.jtls.connection;

import dev.jtls.pki.CertifiedKey;
import dev.jtls.testing.TestCerts;
import dev.jtls.testing.TestCerts.Issued;
import dev.jtls.testing.TestCerts.Kind;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The throwaway keys and certificates the wire transcripts were recorded with, and the instant
 * both sides' clocks are fixed at: a CA (P-256) and, issued by it, an ECDSA P-256 and an RSA-2048
 * server leaf for "localhost" and a client leaf of each kind. Made once (when the file is missing)
 * and kept, so that re-recording changes only what the code changed.
 */
record TranscriptCredentials(Instant now, X509Certificate ca, Map<String, Issued> leaves) {
    private static final HexFormat HEX = HexFormat.of();
    static final List<String> NAMES = List.of("server-ecdsa", "server-rsa", "client-ecdsa", "client-rsa");

    Clock clock() {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    CertifiedKey certifiedKey(String name) {
        Issued i = leaves.get(name);
        return new CertifiedKey(List.of(i.certificate()), i.privateKey());
    }

    static TranscriptCredentials generate() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Issued ca = TestCerts.ca("jtls transcript CA", Kind.EC_P256);
        Map<String, Issued> leaves = new LinkedHashMap<>();
        for (String name : NAMES) {
            Kind kind = name.endsWith("rsa") ? Kind.RSA_2048 : Kind.EC_P256;
            List<String> san = name.startsWith("server") ? List.of("localhost") : List.of();
            leaves.put(name, TestCerts.leaf(ca, name.startsWith("server") ? "localhost" : "jtls transcript client",
                    kind, san, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(3650))));
        }
        return new TranscriptCredentials(now, ca.certificate(), leaves);
    }

    String format() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Throwaway keys and certificates for the wire transcripts (test only; never trust them).\n");
        sb.append("# Delete this file and re-record to make new ones.\n");
        sb.append("clock ").append(now).append('\n');
        try {
            sb.append("ca-cert ").append(HEX.formatHex(ca.getEncoded())).append('\n');
            for (Map.Entry<String, Issued> e : leaves.entrySet()) {
                PrivateKey k = e.getValue().privateKey();
                sb.append(e.getKey()).append("-key ").append(k.getAlgorithm()).append(' ')
                        .append(HEX.formatHex(k.getEncoded())).append('\n');
                sb.append(e.getKey()).append("-cert ").append(HEX.formatHex(e.getValue().certificate().getEncoded()))
                        .append('\n');
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return sb.toString();
    }

    static TranscriptCredentials parse(String text) {
        Map<String, String[]> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.strip().split(" ");
                fields.put(f[0], f);
            }
        }
        try {
            Map<String, Issued> leaves = new LinkedHashMap<>();
            for (String name : NAMES) {
                String[] key = fields.get(name + "-key");
                PrivateKey pk = KeyFactory.getInstance(key[1]).generatePrivate(new PKCS8EncodedKeySpec(HEX.parseHex(key[2])));
                leaves.put(name, new Issued(certificate(fields.get(name + "-cert")[1]), pk));
            }
            return new TranscriptCredentials(Instant.parse(fields.get("clock")[1]),
                    certificate(fields.get("ca-cert")[1]), leaves);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("transcripts/credentials.txt is damaged", e);
        }
    }

    private static X509Certificate certificate(String hex) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(HEX.parseHex(hex)));
    }
}
