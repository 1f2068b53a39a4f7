package dev.jtls.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;

/** Key pairs for signature tests, generated once per JVM (test helper). */
final class SignatureTestKeys {
    private static final Map<SignatureScheme, KeyPair> PAIRS = new EnumMap<>(SignatureScheme.class);
    private static KeyPair rsa;

    private SignatureTestKeys() {
    }

    /** A key pair usable with the scheme; all RSA schemes share one 2048-bit rsaEncryption key. */
    static synchronized KeyPair forScheme(SignatureScheme scheme) {
        return PAIRS.computeIfAbsent(scheme, s -> {
            try {
                switch (s.kind()) {
                    case RSA_PKCS1:
                    case RSA_PSS:
                        if (rsa == null) {
                            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                            g.initialize(2048);
                            rsa = g.generateKeyPair();
                        }
                        return rsa;
                    case ECDSA: {
                        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                        g.initialize(new ECGenParameterSpec(NistCurve.forScheme(s).standardName()));
                        return g.generateKeyPair();
                    }
                    case EDDSA:
                        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                    default:
                        throw new IllegalArgumentException(s.toString());
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** RFC 8410 §4/§7: an Ed25519 public key from its raw 32 bytes. */
    static PublicKey ed25519Public(String hex) throws GeneralSecurityException {
        byte[] der = HexFormat.of().parseHex("302a300506032b6570032100" + hex);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }

    /** RFC 8410 §7: an Ed25519 private key from its raw 32-byte seed. */
    static PrivateKey ed25519Private(String hex) throws GeneralSecurityException {
        byte[] der = HexFormat.of().parseHex("302e020100300506032b657004220420" + hex);
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    }
}
