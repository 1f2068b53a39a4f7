package dev.jtls.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * RFC 7468 PEM: base64 between {@code -----BEGIN label-----} and {@code -----END label-----}
 * lines; text outside the blocks (comments, openssl's "subject=" lines) is ignored. Reads X.509
 * certificates and unencrypted PKCS#8 private keys (RSA, EC, Ed25519 through the JDK's KeyFactory).
 */
final class Pem {
    /** One block: its label and its decoded bytes. */
    record Block(String label, byte[] der) {
    }

    private Pem() {
    }

    static List<Block> blocks(String text) throws IOException {
        List<Block> blocks = new ArrayList<>();
        String label = null;
        StringBuilder base64 = new StringBuilder();
        int lineNo = 0;
        for (String raw : text.split("\r?\n", -1)) {
            lineNo++;
            String line = raw.strip();
            if (label == null) {
                if (line.startsWith("-----BEGIN ") && line.endsWith("-----")) {
                    label = line.substring(11, line.length() - 5);
                    base64.setLength(0);
                }
            } else if (line.startsWith("-----END ")) {
                if (!line.equals("-----END " + label + "-----")) {
                    throw new IOException("line " + lineNo + ": '" + line + "' does not close BEGIN " + label);
                }
                try {
                    blocks.add(new Block(label, Base64.getDecoder().decode(base64.toString())));
                } catch (IllegalArgumentException e) {
                    throw new IOException("bad base64 in the " + label + " block ending at line " + lineNo);
                }
                label = null;
            } else if (line.contains(":")) {
                // RFC 1421 headers (Proc-Type: 4,ENCRYPTED) mean an encrypted legacy key.
                throw new IOException("line " + lineNo + ": encrypted or legacy PEM ('" + line
                        + "') is not supported; use an unencrypted PKCS#8 key (openssl pkcs8 -topk8 -nocrypt)");
            } else {
                base64.append(line);
            }
        }
        if (label != null) {
            throw new IOException("BEGIN " + label + " without an END line");
        }
        return blocks;
    }

    /** Every CERTIFICATE block of the file, in order; at least one. */
    static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        List<X509Certificate> certs = new ArrayList<>();
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        for (Block b : blocks(read(file))) {
            if (b.label().equals("CERTIFICATE")) {
                try {
                    certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
                } catch (CertificateException e) {
                    throw new CertificateException(file + ": certificate " + (certs.size() + 1) + " cannot be parsed: "
                            + e.getMessage(), e);
                }
            }
        }
        if (certs.isEmpty()) {
            throw new IOException(file + ": no '-----BEGIN CERTIFICATE-----' block");
        }
        return certs;
    }

    /** The PRIVATE KEY (PKCS#8, RFC 5208) block of the file. */
    static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        for (Block b : blocks(read(file))) {
            if (b.label().equals("PRIVATE KEY")) {
                return privateKey(b.der(), file.toString());
            }
            if (b.label().endsWith("PRIVATE KEY")) {
                throw new IOException(file + ": '" + b.label() + "' is not supported; convert it to PKCS#8 with "
                        + "'openssl pkcs8 -topk8 -nocrypt -in " + file + "'");
            }
        }
        throw new IOException(file + ": no '-----BEGIN PRIVATE KEY-----' block");
    }

    private static PrivateKey privateKey(byte[] pkcs8, String where) throws GeneralSecurityException {
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (java.security.spec.InvalidKeySpecException e) {
                // not this algorithm; try the next
            }
        }
        throw new java.security.spec.InvalidKeySpecException(where
                + ": the private key is not an RSA, EC or Ed25519 PKCS#8 key");
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
    }

    /** A PEM block, 64 base64 characters a line. */
    static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
