package dev.jtls.cli;

import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.crypto.CbcAlgorithm;
import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.DefaultChoice;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.crypto.KeyShare;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every primitive the {@link CryptoProvider} SPI offers, as a check that runs on one backend and
 * holds it against the others: deterministic outputs (hashes, HMAC, PRF, AEAD and CBC ciphertexts)
 * must be equal across backends; what one backend makes (a key share, an RSA-encrypted premaster,
 * a signature) every backend must accept, and a tampered one must be refused.
 */
final class PrimitiveChecks {
    private static final byte[] MESSAGE = "jtls self-check: every backend, every primitive".getBytes(StandardCharsets.US_ASCII);
    /** ClientHello.client_version for TLS 1.2, carried in the premaster's first two bytes (RFC 5246 §7.4.7.1). */
    private static final int TLS12 = 0x0303;

    /** One check of one primitive, run with backend {@code under} against {@code all} backends. */
    @FunctionalInterface
    interface Body {
        void run(CryptoProvider under, List<CryptoProvider> all) throws Exception;
    }

    /** A primitive, the default provider's choice for it, and its check. */
    record Check(String primitive, DefaultChoice choice, Body body) {
    }

    private final Map<SignatureScheme.Kind, KeyPair> keyCache = new EnumMap<>(SignatureScheme.Kind.class);
    private final Map<SignatureScheme, KeyPair> ecKeys = new java.util.HashMap<>();

    /** Every check, in the SPI's order: hashes, HMAC, PRF, AEAD, CBC, ECDHE, RSA premaster, signatures. */
    List<Check> all() {
        List<Check> checks = new ArrayList<>();
        for (HashAlgorithm h : HashAlgorithm.values()) {
            checks.add(new Check(h.jcaName(), DefaultChoice.DIGEST, (under, all) -> same(all, p -> {
                var d = p.newDigest(h);
                d.update(MESSAGE);
                return d.digest();
            }, under)));
        }
        for (HashAlgorithm h : HashAlgorithm.values()) {
            checks.add(new Check("HMAC-" + h.jcaName(), DefaultChoice.HMAC, (under, all) -> same(all, p -> {
                var m = p.newHmac(h, pattern(h.outputLength(), 1));
                m.update(MESSAGE);
                return m.doFinal();
            }, under)));
        }
        for (HashAlgorithm h : List.of(HashAlgorithm.SHA256, HashAlgorithm.SHA384)) {
            checks.add(new Check("PRF " + h.jcaName(), DefaultChoice.HMAC, (under, all) -> same(all,
                    p -> p.prf(h, pattern(48, 2), "master secret", MESSAGE, 48), under)));
        }
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            checks.add(new Check(a.name(), DefaultChoice.AEAD, (under, all) -> aead(a, under, all)));
        }
        for (CbcAlgorithm c : CbcAlgorithm.values()) {
            checks.add(new Check(c.name(), DefaultChoice.CBC, (under, all) -> cbc(c, under, all)));
        }
        for (NamedGroup g : NamedGroup.values()) {
            checks.add(new Check("ECDHE " + g.name().toLowerCase(java.util.Locale.ROOT), DefaultChoice.ECDHE,
                    (under, all) -> ecdhe(g, under, all)));
        }
        checks.add(new Check("RSA premaster encryption", DefaultChoice.RSA_ENCRYPT, this::rsaEncrypt));
        checks.add(new Check("RSA premaster decryption", DefaultChoice.RSA_DECRYPT, this::rsaDecrypt));
        for (SignatureScheme s : SignatureScheme.values()) {
            checks.add(new Check(s.name().toLowerCase(java.util.Locale.ROOT) + " sign", DefaultChoice.forSignature(s, true),
                    (under, all) -> signedBy(s, under, all)));
            checks.add(new Check(s.name().toLowerCase(java.util.Locale.ROOT) + " verify", DefaultChoice.forSignature(s, false),
                    (under, all) -> verifiedBy(s, under, all)));
        }
        // Grouped by the default's choice, so that each family is printed under one heading.
        checks.sort(java.util.Comparator.comparing(Check::choice));
        return checks;
    }

    @FunctionalInterface
    private interface Output {
        byte[] of(CryptoProvider p) throws Exception;
    }

    /** {@code under}'s output equals every other backend's. */
    private static void same(List<CryptoProvider> all, Output output, CryptoProvider under) throws Exception {
        byte[] mine = output.of(under);
        for (CryptoProvider other : all) {
            if (other != under && !Arrays.equals(mine, output.of(other))) {
                throw new GeneralSecurityException("differs from " + other.name() + "'s result");
            }
        }
    }

    private static void aead(AeadAlgorithm a, CryptoProvider under, List<CryptoProvider> all) throws Exception {
        byte[] key = pattern(a.keyLength(), 3);
        byte[] nonce = pattern(AeadAlgorithm.NONCE_LENGTH, 4);
        byte[] sealed = seal(under, a, key, nonce);
        for (CryptoProvider other : all) {
            if (!Arrays.equals(sealed, seal(other, a, key, nonce))) {
                throw new GeneralSecurityException("ciphertext differs from " + other.name() + "'s");
            }
            ByteBuffer buf = ByteBuffer.wrap(sealed.clone());
            if (!other.newAead(a, key).open(nonce, MESSAGE, buf) || !Arrays.equals(remaining(buf), MESSAGE)) {
                throw new GeneralSecurityException(other.name() + " does not open it back to the message");
            }
        }
        byte[] tampered = sealed.clone();
        tampered[0] ^= 1;
        if (under.newAead(a, key).open(nonce, MESSAGE, ByteBuffer.wrap(tampered))) {
            throw new GeneralSecurityException("opens a ciphertext with a flipped bit");
        }
    }

    private static byte[] seal(CryptoProvider p, AeadAlgorithm a, byte[] key, byte[] nonce) {
        ByteBuffer buf = ByteBuffer.allocate(MESSAGE.length + AeadAlgorithm.TAG_LENGTH);
        buf.put(MESSAGE).flip();
        int n = p.newAead(a, key).seal(nonce, MESSAGE, buf);
        return Arrays.copyOfRange(buf.array(), 0, n);
    }

    private static void cbc(CbcAlgorithm c, CryptoProvider under, List<CryptoProvider> all) throws Exception {
        byte[] key = pattern(c.keyLength(), 5);
        byte[] iv = pattern(16, 6);
        byte[] plain = pattern(64, 7);
        ByteBuffer enc = ByteBuffer.wrap(plain.clone());
        under.newCbc(c, key).encrypt(iv, enc);
        for (CryptoProvider other : all) {
            ByteBuffer theirs = ByteBuffer.wrap(plain.clone());
            other.newCbc(c, key).encrypt(iv, theirs);
            if (!Arrays.equals(enc.array(), theirs.array())) {
                throw new GeneralSecurityException("ciphertext differs from " + other.name() + "'s");
            }
            ByteBuffer dec = ByteBuffer.wrap(enc.array().clone());
            other.newCbc(c, key).decrypt(iv, dec);
            if (!Arrays.equals(dec.array(), plain)) {
                throw new GeneralSecurityException(other.name() + " does not decrypt it back");
            }
        }
    }

    private static void ecdhe(NamedGroup g, CryptoProvider under, List<CryptoProvider> all) throws Exception {
        KeyShare mine = under.generateKeyShare(g);
        for (CryptoProvider other : all) {
            KeyShare theirs = other.generateKeyShare(g);
            byte[] a = mine.agree(theirs.publicKey());
            byte[] b = theirs.agree(mine.publicKey());
            if (!Arrays.equals(a, b)) {
                throw new GeneralSecurityException("shared secret with " + other.name() + "'s key share differs");
            }
        }
    }

    private void rsaEncrypt(CryptoProvider under, List<CryptoProvider> all) throws Exception {
        KeyPair rsa = keys(SignatureScheme.RSA_PKCS1_SHA256);
        byte[] premaster = premaster();
        byte[] ct = under.rsaEncryptPkcs1(rsa.getPublic(), premaster);
        for (CryptoProvider other : all) {
            if (!Arrays.equals(other.decryptPremaster(rsa.getPrivate(), ct, TLS12), premaster)) {
                throw new GeneralSecurityException(other.name() + " does not decrypt it to the premaster");
            }
        }
    }

    private void rsaDecrypt(CryptoProvider under, List<CryptoProvider> all) throws Exception {
        KeyPair rsa = keys(SignatureScheme.RSA_PKCS1_SHA256);
        byte[] premaster = premaster();
        for (CryptoProvider other : all) {
            byte[] ct = other.rsaEncryptPkcs1(rsa.getPublic(), premaster);
            if (!Arrays.equals(under.decryptPremaster(rsa.getPrivate(), ct, TLS12), premaster)
                    || !Arrays.equals(under.rsaDecryptPkcs1(rsa.getPrivate(), ct), premaster)) {
                throw new GeneralSecurityException("does not decrypt " + other.name() + "'s ciphertext to the premaster");
            }
            // RFC 5246 §7.4.7.1: a bad ciphertext yields 48 bytes that are not the premaster, and no error.
            ct[ct.length - 1] ^= 1;
            byte[] rejected = under.decryptPremaster(rsa.getPrivate(), ct, TLS12);
            if (rejected.length != 48 || Arrays.equals(rejected, premaster)) {
                throw new GeneralSecurityException("a corrupted ciphertext did not give a synthetic premaster");
            }
        }
    }

    private void signedBy(SignatureScheme s, CryptoProvider under, List<CryptoProvider> all) throws Exception {
        KeyPair kp = keys(s);
        byte[] sig = under.sign(s, kp.getPrivate(), MESSAGE);
        for (CryptoProvider other : all) {
            if (!other.verify(s, kp.getPublic(), MESSAGE, sig)) {
                throw new GeneralSecurityException(other.name() + " does not verify the signature");
            }
        }
    }

    private void verifiedBy(SignatureScheme s, CryptoProvider under, List<CryptoProvider> all) throws Exception {
        KeyPair kp = keys(s);
        byte[] other = MESSAGE.clone();
        other[0] ^= 1;
        for (CryptoProvider signer : all) {
            byte[] sig = signer.sign(s, kp.getPrivate(), MESSAGE);
            if (!under.verify(s, kp.getPublic(), MESSAGE, sig)) {
                throw new GeneralSecurityException("does not verify " + signer.name() + "'s signature");
            }
            if (under.verify(s, kp.getPublic(), other, sig)) {
                throw new GeneralSecurityException("verifies " + signer.name() + "'s signature over another message");
            }
        }
    }

    /** A key pair for the scheme, made once per kind (RSA 2048, Ed25519) or curve (ECDSA). */
    private synchronized KeyPair keys(SignatureScheme s) throws GeneralSecurityException {
        switch (s.kind()) {
            case RSA_PKCS1:
            case RSA_PSS: {
                KeyPair kp = keyCache.get(SignatureScheme.Kind.RSA_PKCS1);
                if (kp == null) {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048);
                    kp = g.generateKeyPair();
                    keyCache.put(SignatureScheme.Kind.RSA_PKCS1, kp);
                }
                return kp;
            }
            case EDDSA: {
                KeyPair kp = keyCache.get(SignatureScheme.Kind.EDDSA);
                if (kp == null) {
                    kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                    keyCache.put(SignatureScheme.Kind.EDDSA, kp);
                }
                return kp;
            }
            case ECDSA: {
                KeyPair kp = ecKeys.get(s);
                if (kp == null) {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec(curve(s)));
                    kp = g.generateKeyPair();
                    ecKeys.put(s, kp);
                }
                return kp;
            }
            default:
                throw new IllegalArgumentException(s.name());
        }
    }

    private static String curve(SignatureScheme s) {
        switch (s) {
            case ECDSA_SECP256R1_SHA256:
                return "secp256r1";
            case ECDSA_SECP384R1_SHA384:
                return "secp384r1";
            case ECDSA_SECP521R1_SHA512:
                return "secp521r1";
            default:
                throw new IllegalArgumentException(s.name());
        }
    }

    private static byte[] premaster() {
        byte[] pm = pattern(48, 8);
        pm[0] = (byte) (TLS12 >> 8);
        pm[1] = (byte) TLS12;
        return pm;
    }

    private static byte[] remaining(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** Fixed, distinct bytes per use: the deterministic checks compare like with like. */
    private static byte[] pattern(int length, int salt) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + salt * 17 + 1);
        }
        return b;
    }
}
