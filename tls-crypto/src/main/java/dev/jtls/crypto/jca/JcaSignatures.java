package dev.jtls.crypto.jca;

import dev.jtls.crypto.Backend;
import dev.jtls.crypto.NistCurve;
import dev.jtls.crypto.EcdsaSignatureDer;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.crypto.Pkcs1DigestInfo;
import dev.jtls.crypto.SignatureKeys;
import dev.jtls.crypto.SignatureScheme;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.EnumMap;
import java.util.Map;
import javax.crypto.Cipher;

/**
 * Signature schemes from the JDK's JCA providers (SunRsaSign, SunEC). The shared
 * {@link SignatureKeys} checks decide which keys are usable and the shared strict
 * {@link EcdsaSignatureDer} decides which ECDSA encodings are, so this backend accepts exactly what
 * the Bouncy Castle one does; the JDK then does the arithmetic.
 */
final class JcaSignatures implements Backend.Signatures {
    static final JcaSignatures INSTANCE = new JcaSignatures();

    private static final int ED25519_SIGNATURE_LENGTH = 64;

    /** Signature objects are not thread-safe and costly to look up; one per thread and scheme. */
    private static final Map<SignatureScheme, ThreadLocal<Signature>> SIGNATURES = new EnumMap<>(SignatureScheme.class);

    static {
        for (SignatureScheme scheme : SignatureScheme.values()) {
            SIGNATURES.put(scheme, ThreadLocal.withInitial(() -> newSignature(scheme)));
        }
    }

    private static final ThreadLocal<Cipher> RAW_RSA = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("RSA/ECB/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks RSA/ECB/NoPadding", e);
        }
    });

    private static final Map<HashAlgorithm, ThreadLocal<MessageDigest>> DIGESTS = new EnumMap<>(HashAlgorithm.class);

    static {
        for (HashAlgorithm hash : HashAlgorithm.values()) {
            DIGESTS.put(hash, ThreadLocal.withInitial(() -> {
                try {
                    return MessageDigest.getInstance(hash.jcaName());
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException("the JDK lacks " + hash.jcaName(), e);
                }
            }));
        }
    }

    private JcaSignatures() {
    }

    @Override
    public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message, SecureRandom random)
            throws InvalidKeyException {
        if (scheme == null) {
            throw new InvalidKeyException("no signature scheme");
        }
        checkPrivateKey(scheme, key);
        Signature signature = SIGNATURES.get(scheme).get();
        try {
            signature.initSign(key, random);
            setPssParameters(scheme, signature);
            signature.update(message);
            byte[] out = signature.sign();
            if (scheme.kind() == SignatureScheme.Kind.ECDSA) {
                // Check the provider's output with our codec: the wire form must be the one DER encoding.
                EcdsaSignatureDer.Rs rs = EcdsaSignatureDer.decode(out,
                        SignatureKeys.curveOf((java.security.interfaces.ECKey) key).n());
                if (rs == null) {
                    throw new IllegalStateException("provider produced a malformed ECDSA signature");
                }
            }
            return out;
        } catch (InvalidKeyException e) {
            throw e;
        } catch (GeneralSecurityException | ProviderException e) {
            // The key passed the shared checks, so the provider's objection is to the key itself.
            throw new InvalidKeyException("signing failed with " + scheme, e);
        }
    }

    @Override
    public boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        if (scheme == null || message == null || signature == null || !acceptable(scheme, key, signature)) {
            return false;
        }
        if (scheme.kind() == SignatureScheme.Kind.RSA_PKCS1) {
            return verifyPkcs1(scheme, (RSAPublicKey) key, message, signature);
        }
        try {
            Signature verifier = SIGNATURES.get(scheme).get();
            verifier.initVerify(key);
            setPssParameters(scheme, verifier);
            verifier.update(message);
            if (verifier.verify(signature)) {
                return true;
            }
            if (scheme.kind() == SignatureScheme.Kind.ECDSA && JdkEcdsaReduction.JDK_DEFECTIVE) {
                EcdsaSignatureDer.Rs rs = EcdsaSignatureDer.decode(signature,
                        SignatureKeys.curveOf((ECPublicKey) key).n());
                return JdkEcdsaReduction.recheck(scheme, (ECPublicKey) key, message, rs);
            }
            return false;
        } catch (GeneralSecurityException | RuntimeException e) {
            // verify never throws: whatever the provider objects to is a bad signature or key.
            return false;
        }
    }

    /**
     * RFC 8017 §8.2.2: RSAVP1 with the JDK's raw RSA, then compare with the EMSA-PKCS1-v1_5
     * encoding we compute. The JDK's "SHA256withRSA" also accepts a DigestInfo without the NULL
     * parameter, which RFC 8017 §9.2 note 1 does not allow.
     */
    private static boolean verifyPkcs1(SignatureScheme scheme, RSAPublicKey key, byte[] message, byte[] signature) {
        try {
            Cipher rsa = RAW_RSA.get();
            rsa.init(Cipher.ENCRYPT_MODE, key); // s^e mod n; s >= n is refused by the JDK
            byte[] em = rsa.doFinal(signature);
            byte[] digest = DIGESTS.get(scheme.hash()).get().digest(message);
            return MessageDigest.isEqual(em, Pkcs1DigestInfo.encode(scheme.hash(), digest, signature.length));
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The checks shared with the BC backend: key type and parameters, lengths, strict DER. */
    private static boolean acceptable(SignatureScheme scheme, PublicKey key, byte[] signature) {
        switch (scheme.kind()) {
            case RSA_PKCS1:
            case RSA_PSS: {
                // RFC 8017 §8.1.2 / §8.2.2 step 1: exactly k octets.
                var rsa = SignatureKeys.rsaPublic(scheme, key);
                return rsa != null && signature.length == SignatureKeys.modulusLength(rsa);
            }
            case ECDSA:
            {
                var ec = SignatureKeys.ecPublic(scheme, key);
                return ec != null && EcdsaSignatureDer.decode(signature, SignatureKeys.curveOf(ec).n()) != null;
            }
            case EDDSA:
                return SignatureKeys.ed25519Public(key) != null && signature.length == ED25519_SIGNATURE_LENGTH;
            default:
                return false;
        }
    }

    private static void checkPrivateKey(SignatureScheme scheme, PrivateKey key) throws InvalidKeyException {
        switch (scheme.kind()) {
            case RSA_PKCS1:
            case RSA_PSS:
                if (SignatureKeys.rsaPrivate(scheme, key) == null) {
                    throw new InvalidKeyException("not an rsaEncryption RSA private key large enough for " + scheme);
                }
                return;
            case ECDSA:
                if (SignatureKeys.ecPrivate(scheme, key) == null) {
                    throw new InvalidKeyException("not an EC private key on P-256, P-384 or P-521 for " + scheme);
                }
                return;
            case EDDSA:
                if (SignatureKeys.ed25519Private(key) == null) {
                    throw new InvalidKeyException("not an Ed25519 private key");
                }
                return;
            default:
                throw new InvalidKeyException("unknown scheme " + scheme);
        }
    }

    /** RFC 8446 §4.2.3: MGF1 with the signature's hash, salt length = hash length, trailer field 1 (0xBC). */
    private static void setPssParameters(SignatureScheme scheme, Signature signature)
            throws InvalidAlgorithmParameterException {
        if (scheme.kind() != SignatureScheme.Kind.RSA_PSS) {
            return;
        }
        HashAlgorithm hash = scheme.hash();
        signature.setParameter(new PSSParameterSpec(hash.jcaName(), "MGF1", new MGF1ParameterSpec(hash.jcaName()),
                hash.outputLength(), PSSParameterSpec.TRAILER_FIELD_BC));
    }

    private static Signature newSignature(SignatureScheme scheme) {
        try {
            return Signature.getInstance(algorithm(scheme));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm(scheme), e);
        }
    }

    private static String algorithm(SignatureScheme scheme) {
        switch (scheme.kind()) {
            case RSA_PKCS1:
                return shaName(scheme.hash()) + "withRSA";
            case RSA_PSS:
                return "RSASSA-PSS";
            case ECDSA:
                return shaName(scheme.hash()) + "withECDSA";
            case EDDSA:
                return "Ed25519";
            default:
                throw new IllegalArgumentException(scheme.toString());
        }
    }

    private static String shaName(HashAlgorithm hash) {
        return hash.jcaName().replace("-", ""); // "SHA-256" -> "SHA256"
    }
}
