package dev.jtls.cli;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;

/**
 * Does {@code --key} belong to {@code --cert}? Checked before serving: a mismatched pair would
 * otherwise start, and every handshake would then end in decrypt_error at the client. A signature
 * made with the private key must verify with the certificate's public key.
 */
final class KeyPairCheck {
    private KeyPairCheck() {
    }

    static void requireMatch(X509Certificate leaf, PrivateKey key, Path certFile, Path keyFile) {
        String mismatch = "--key " + keyFile + " is not the private key of --cert " + certFile + " (leaf '"
                + leaf.getSubjectX500Principal().getName() + "'): ";
        String leafAlgorithm = leaf.getPublicKey().getAlgorithm();
        String algorithm = signatureAlgorithm(key.getAlgorithm());
        if (algorithm == null) {
            return; // an unsupported kind of key; CertifiedKey says so in its own words
        }
        if (!sameKind(key.getAlgorithm(), leafAlgorithm)) {
            throw new IllegalArgumentException(mismatch + "the key is " + key.getAlgorithm() + ", the certificate's key "
                    + leafAlgorithm);
        }
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        boolean verified;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            verified = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            verified = false; // e.g. an EC key on another curve than the certificate's
        }
        if (!verified) {
            throw new IllegalArgumentException(mismatch + "the public keys differ");
        }
    }

    private static String signatureAlgorithm(String keyAlgorithm) {
        switch (keyAlgorithm) {
            case "RSA":
                return "SHA256withRSA";
            case "EC":
                return "SHA256withECDSA";
            case "Ed25519":
            case "EdDSA":
                return "Ed25519";
            default:
                return null;
        }
    }

    private static boolean sameKind(String a, String b) {
        return a.equals(b) || (a.startsWith("Ed") && b.startsWith("Ed"));
    }
}
