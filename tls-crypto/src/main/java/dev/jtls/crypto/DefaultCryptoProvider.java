package dev.jtls.crypto;

import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import javax.crypto.BadPaddingException;

/**
 * Per primitive, the faster of the two backends. Each choice below names the benchmark figure
 * that justifies it: medians in ops/s from one JMH run with both backends side by side on JDK 17
 * (benchmarks/RESULTS.md, `bash benchmarks/run.sh -wi 2 -w 1s -i 3 -r 1s`, 2026-11-23T22:38Z). JCA wins
 * wherever the JDK has CPU intrinsics (SHA, AES, GHASH); Bouncy Castle wins the elliptic-curve
 * work, where its fixed-base combs and specialised field arithmetic beat SunEC and XDH.
 */
final class DefaultCryptoProvider {
    private DefaultCryptoProvider() {
    }

    /** The parts of {@code bc} and {@code jca} (made with the same random) that win, as one provider. */
    static CryptoProvider create(Backend bc, Backend jca) {
        // Hashes: SHA-256 of 16 KiB jca 112,000 vs bc 13,800; SHA-384 jca 42,600 vs bc 20,100.
        // HMAC of 16 KiB: SHA-1 jca 120,000 vs bc 19,300; SHA-256 110,000 vs 13,900; SHA-384 41,200 vs 18,800.
        Backend.Hashes hashes = jca.hashes();
        // 16 KiB seal+open: AES-128-GCM jca 218,000 vs bc 4,090; AES-256-GCM 192,000 vs 3,490;
        // ChaCha20-Poly1305 jca 9,200 vs bc 3,890. 16 KiB AES-128-CBC: decrypt jca 1,150,000 vs bc
        // 11,500; encrypt 109,000 vs 12,200.
        Backend.Ciphers ciphers = jca.ciphers();
        // keygen + agree: x25519 bc 10,500 vs jca 3,690; secp256r1 4,530 vs 767; secp384r1 1,510 vs
        // 366; x448 2,650 vs 1,150; secp521r1 692 vs 203.
        Backend.KeyShares keyShares = bc.keyShares();
        return new Backend("default", jca.random(), hashes, ciphers, keyShares, new Rsa(bc.rsa(), jca.rsa()),
                new Signatures(bc.signatures(), jca.signatures()));
    }

    private static final class Rsa implements Backend.Rsa {
        private final Backend.Rsa bc;
        private final Backend.Rsa jca;

        Rsa(Backend.Rsa bc, Backend.Rsa jca) {
            this.bc = bc;
            this.jca = jca;
        }

        /** RSA-2048 public operation: bc 31,900 vs jca 29,900; RSA-3072 16,400 vs 16,100 (close; bc). */
        @Override
        public byte[] encryptPkcs1(PublicKey key, byte[] message) throws InvalidKeyException {
            return bc.encryptPkcs1(key, message);
        }

        @Override
        public byte[] decryptPkcs1(PrivateKey key, byte[] ciphertext) throws BadPaddingException, InvalidKeyException {
            return jca.decryptPkcs1(key, ciphertext);
        }

        /** RSA-2048 premaster decryption: jca 1,320 vs bc 1,150; RSA-3072 422 vs 409. */
        @Override
        public byte[] decryptPremaster(PrivateKey key, byte[] encryptedPremaster, int clientVersion) {
            return jca.decryptPremaster(key, encryptedPremaster, clientVersion);
        }
    }

    private static final class Signatures implements Backend.Signatures {
        private final Backend.Signatures bc;
        private final Backend.Signatures jca;

        Signatures(Backend.Signatures bc, Backend.Signatures jca) {
            this.bc = bc;
            this.jca = jca;
        }

        /**
         * RSA private-key signatures: jca 1,270 vs bc 1,090 (PKCS#1), 1,290 vs 1,180 (PSS); ECDSA
         * P-256 bc 14,800 vs jca 2,250, P-384 5,090 vs 1,040; Ed25519 bc 37,000 vs jca 1,970.
         */
        @Override
        public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message, SecureRandom random)
                throws InvalidKeyException {
            return (isRsa(scheme) ? jca : bc).sign(scheme, key, message, random);
        }

        /**
         * Verification: RSA PKCS#1 jca 36,600 vs bc 33,800; RSA-PSS jca 36,300 vs bc 31,000; ECDSA
         * P-256 bc 6,770 vs jca 1,240, P-384 2,170 vs 545; Ed25519 bc 15,300 vs jca 1,910.
         */
        @Override
        public boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
            return (isRsa(scheme) ? jca : bc).verify(scheme, key, message, signature);
        }

        /** A null scheme goes to the JCA backend, as before, which refuses it. */
        private static boolean isRsa(SignatureScheme scheme) {
            return scheme == null || scheme.kind() == SignatureScheme.Kind.RSA_PKCS1
                    || scheme.kind() == SignatureScheme.Kind.RSA_PSS;
        }
    }
}
