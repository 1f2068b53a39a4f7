package dev.jtls.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The files the loopback benchmark's servers read, in one temporary folder: the {@link Pki} RSA-2048
 * leaf and its key as PEM (for {@code openssl s_server} and for {@link LoopbackServer}, which runs in
 * its own JVM and so cannot share this JVM's freshly made {@link Pki}), the RSA CA (for
 * {@code openssl s_time -CAfile}), and the file {@code bulk/N} of N bytes that
 * {@code openssl s_server -WWW} serves for {@code GET /bulk/N}.
 */
final class LoopbackFiles implements AutoCloseable {
    final Path dir;
    final Path leaf;
    final Path key;
    final Path ca;

    LoopbackFiles() throws IOException, GeneralSecurityException {
        dir = Files.createTempDirectory("jtls-loopback");
        leaf = dir.resolve("rsa-leaf.pem");
        key = dir.resolve("rsa-key.pem");
        ca = dir.resolve("rsa-ca.pem");
        Files.writeString(leaf, pem("CERTIFICATE", Pki.RSA_LEAF.certificate().getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", Pki.RSA_LEAF.privateKey().getEncoded()));
        Files.writeString(ca, pem("CERTIFICATE", Pki.RSA_CA.certificate().getEncoded()));
    }

    /** The file s_server -WWW serves as {@code /bulk/N}: N bytes of the same pattern {@link LoopbackServer} sends. */
    String bulkFile(long bytes) throws IOException {
        Path f = dir.resolve("bulk").resolve(Long.toString(bytes));
        if (!Files.exists(f)) {
            Files.createDirectories(f.getParent());
            byte[] chunk = LoopbackServer.pattern();
            try (var out = Files.newOutputStream(f)) {
                for (long left = bytes; left > 0; left -= chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
            }
        }
        return "/bulk/" + bytes;
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** The DER of the first PEM block labelled {@code label} in {@code file}. */
    static byte[] der(Path file, String label) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf("-----END " + label + "-----");
        if (from < 0 || to < from) {
            throw new IOException(file + " has no PEM block " + label);
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }

    static X509Certificate certificate(Path file) throws IOException, GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(der(file, "CERTIFICATE")));
    }

    static PrivateKey rsaKey(Path file) throws IOException, GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(file, "PRIVATE KEY")));
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
