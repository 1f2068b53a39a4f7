package dev.jtls.testing;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A test certificate with its private key, as both test factories make them ({@link TestCerts.Issued},
 * {@link CertBuilder.Issued}), so that helpers such as {@link TestOcsp} take either.
 */
public interface IssuedCertificate {
    X509Certificate certificate();

    PrivateKey privateKey();

    /** The JCA name of the usual SHA-256 signature for this key's type (Ed25519 signs without a named hash). */
    static String defaultSignatureAlgorithm(PrivateKey key) {
        switch (key.getAlgorithm()) {
            case "RSA":
                return "SHA256withRSA";
            case "EC":
                return "SHA256withECDSA";
            default:
                return "Ed25519";
        }
    }
}
