package dev.jtls.crypto;

import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import javax.crypto.BadPaddingException;

/**
 * Per primitive, the faster of the two backends, as {@link DefaultChoice} lists them with the
 * benchmark figures that justify each choice. Every part below asks the table, so what the table
 * says (and {@code jtls providers} prints) is what runs.
 */
final class DefaultCryptoProvider {
    private DefaultCryptoProvider() {
    }

    /** The parts of {@code bc} and {@code jca} (made with the same random) that win, as one provider. */
    static CryptoProvider create(Backend bc, Backend jca) {
        Backend.Hashes hashes = new Backend.Hashes() {
            private final Backend.Hashes digests = DefaultChoice.DIGEST.pick(bc, jca).hashes();
            private final Backend.Hashes hmacs = DefaultChoice.HMAC.pick(bc, jca).hashes();

            @Override
            public Digest newDigest(HashAlgorithm algorithm) {
                return digests.newDigest(algorithm);
            }

            @Override
            public Hmac newHmac(HashAlgorithm algorithm, byte[] key) {
                return hmacs.newHmac(algorithm, key);
            }
        };
        Backend.Ciphers ciphers = new Backend.Ciphers() {
            private final Backend.Ciphers aeads = DefaultChoice.AEAD.pick(bc, jca).ciphers();
            private final Backend.Ciphers cbcs = DefaultChoice.CBC.pick(bc, jca).ciphers();

            @Override
            public Aead newAead(AeadAlgorithm algorithm, byte[] key) {
                return aeads.newAead(algorithm, key);
            }

            @Override
            public CbcCipher newCbc(CbcAlgorithm algorithm, byte[] key) {
                return cbcs.newCbc(algorithm, key);
            }
        };
        Backend.KeyShares keyShares = DefaultChoice.ECDHE.pick(bc, jca).keyShares();
        return new Backend("default", jca.random(), hashes, ciphers, keyShares, new Rsa(bc.rsa(), jca.rsa()),
                new Signatures(bc.signatures(), jca.signatures()));
    }

    private static final class Rsa implements Backend.Rsa {
        private final Backend.Rsa encrypt;
        private final Backend.Rsa decrypt;

        Rsa(Backend.Rsa bc, Backend.Rsa jca) {
            this.encrypt = DefaultChoice.RSA_ENCRYPT.pick(bc, jca);
            this.decrypt = DefaultChoice.RSA_DECRYPT.pick(bc, jca);
        }

        @Override
        public byte[] encryptPkcs1(PublicKey key, byte[] message) throws InvalidKeyException {
            return encrypt.encryptPkcs1(key, message);
        }

        @Override
        public byte[] decryptPkcs1(PrivateKey key, byte[] ciphertext) throws BadPaddingException, InvalidKeyException {
            return decrypt.decryptPkcs1(key, ciphertext);
        }

        @Override
        public byte[] decryptPremaster(PrivateKey key, byte[] encryptedPremaster, int clientVersion) {
            return decrypt.decryptPremaster(key, encryptedPremaster, clientVersion);
        }
    }

    private static final class Signatures implements Backend.Signatures {
        private final Backend.Signatures bc;
        private final Backend.Signatures jca;

        Signatures(Backend.Signatures bc, Backend.Signatures jca) {
            this.bc = bc;
            this.jca = jca;
        }

        @Override
        public byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message, SecureRandom random)
                throws InvalidKeyException {
            return DefaultChoice.forSignature(scheme, true).pick(bc, jca).sign(scheme, key, message, random);
        }

        /** A null scheme goes to the RSA choice (the JCA backend), which refuses it. */
        @Override
        public boolean verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
            return DefaultChoice.forSignature(scheme, false).pick(bc, jca).verify(scheme, key, message, signature);
        }
    }
}
