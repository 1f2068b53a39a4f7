package dev.jtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.RSAKeyGenParameterSpec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which keys each scheme accepts: the same answer from every backend, verify never throws. */
class SignatureKeyPolicyTest {
    private static final byte[] MESSAGE = "m".getBytes(StandardCharsets.US_ASCII);

    /**
     * RFC 5246 §7.4.1.4.1 / RFC 8422 §6: in TLS 1.2 an ECDSA scheme names the hash, not the curve
     * (tlsfuzzer test-ecdsa-sig-flexibility.py: a P-256 key signs with SHA-384). Every ECDSA scheme
     * takes a key on each of the three NIST curves, to sign and to verify, in every backend, and
     * the backends check each other's signatures.
     */
    @Test
    void ecdsaSchemeTakesAKeyOnAnyNistCurve() throws Exception {
        SignatureScheme[] ecdsa = {SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ECDSA_SECP384R1_SHA384,
            SignatureScheme.ECDSA_SECP521R1_SHA512};
        for (SignatureScheme keyScheme : ecdsa) {
            KeyPair pair = SignatureTestKeys.forScheme(keyScheme);
            for (SignatureScheme scheme : ecdsa) {
                for (CryptoProvider signer : Backends.all()) {
                    byte[] signature = signer.sign(scheme, pair.getPrivate(), MESSAGE);
                    for (CryptoProvider verifier : Backends.all()) {
                        String how = scheme + " with a key for " + keyScheme + ", " + signer.name() + " -> " + verifier.name();
                        assertThat(verifier.verify(scheme, pair.getPublic(), MESSAGE, signature)).as(how).isTrue();
                        // The hash is part of the signature: another scheme does not verify it.
                        for (SignatureScheme other : ecdsa) {
                            if (other != scheme) {
                                assertThat(verifier.verify(other, pair.getPublic(), MESSAGE, signature)).as(how + " as " + other)
                                        .isFalse();
                            }
                        }
                    }
                }
            }
        }
    }

    /** A key on any curve other than P-256, P-384, P-521 is refused by every ECDSA scheme, both ways. */
    @Test
    void ecdsaKeyOnAnotherCurveIsRefused() throws Exception {
        KeyPair p256 = SignatureTestKeys.forScheme(SignatureScheme.ECDSA_SECP256R1_SHA256);
        ECParameterSpec real = ((ECPublicKey) p256.getPublic()).getParams();
        // The same field and generator, another b: another curve (the point is not on it either way).
        ECParameterSpec other = new ECParameterSpec(new java.security.spec.EllipticCurve(real.getCurve().getField(),
                real.getCurve().getA(), real.getCurve().getB().add(java.math.BigInteger.ONE)), real.getGenerator(),
                real.getOrder(), 1);
        ECPublicKey foreignPublic = new FakeEcPublicKey(((ECPublicKey) p256.getPublic()).getW(), other);
        java.security.interfaces.ECPrivateKey foreignPrivate = new FakeEcPrivateKey(
                ((java.security.interfaces.ECPrivateKey) p256.getPrivate()).getS(), other);
        for (CryptoProvider p : Backends.all()) {
            for (SignatureScheme scheme : new SignatureScheme[] {SignatureScheme.ECDSA_SECP256R1_SHA256,
                SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.ECDSA_SECP521R1_SHA512}) {
                byte[] good = p.sign(scheme, p256.getPrivate(), MESSAGE);
                assertThat(p.verify(scheme, foreignPublic, MESSAGE, good)).as(p.name() + " " + scheme).isFalse();
                assertThatThrownBy(() -> p.sign(scheme, foreignPrivate, MESSAGE))
                        .as(p.name() + " " + scheme).isInstanceOf(InvalidKeyException.class);
            }
        }
    }

    /** An ECPrivateKey from outside the JDK's providers. */
    private record FakeEcPrivateKey(java.math.BigInteger getS, ECParameterSpec getParams)
            implements java.security.interfaces.ECPrivateKey {
        @Override
        public String getAlgorithm() {
            return "EC";
        }

        @Override
        public String getFormat() {
            return null;
        }

        @Override
        public byte[] getEncoded() {
            return null;
        }
    }

    /** rsa_pss_rsae_* needs an rsaEncryption key; an RSASSA-PSS (id-RSASSA-PSS) key is for rsa_pss_pss_*. */
    @Test
    void rsaPssRestrictedKeyIsRefused() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSASSA-PSS");
        g.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
        KeyPair pss = g.generateKeyPair();
        KeyPair rsa = SignatureTestKeys.forScheme(SignatureScheme.RSA_PSS_RSAE_SHA256);
        for (CryptoProvider p : Backends.all()) {
            byte[] signature = p.sign(SignatureScheme.RSA_PSS_RSAE_SHA256, rsa.getPrivate(), MESSAGE);
            assertThat(p.verify(SignatureScheme.RSA_PSS_RSAE_SHA256, pss.getPublic(), MESSAGE, signature)).isFalse();
            assertThatThrownBy(() -> p.sign(SignatureScheme.RSA_PSS_RSAE_SHA256, pss.getPrivate(), MESSAGE))
                    .as(p.name()).isInstanceOf(InvalidKeyException.class);
            assertThatThrownBy(() -> p.sign(SignatureScheme.RSA_PKCS1_SHA256, pss.getPrivate(), MESSAGE))
                    .as(p.name()).isInstanceOf(InvalidKeyException.class);
        }
    }

    @Test
    void wrongKeyTypesNeverVerifyAndNeverSign() throws Exception {
        for (SignatureScheme scheme : SignatureScheme.values()) {
            KeyPair own = SignatureTestKeys.forScheme(scheme);
            for (CryptoProvider p : Backends.all()) {
                byte[] signature = p.sign(scheme, own.getPrivate(), MESSAGE);
                for (SignatureScheme other : SignatureScheme.values()) {
                    KeyPair foreign = SignatureTestKeys.forScheme(other);
                    if (foreign.getPublic().getAlgorithm().equals(own.getPublic().getAlgorithm())) {
                        continue;
                    }
                    String how = p.name() + " " + scheme + " with a key for " + other;
                    assertThat(p.verify(scheme, foreign.getPublic(), MESSAGE, signature)).as(how).isFalse();
                    assertThatThrownBy(() -> p.sign(scheme, foreign.getPrivate(), MESSAGE)).as(how)
                            .isInstanceOf(InvalidKeyException.class);
                }
                assertThat(p.verify(scheme, null, MESSAGE, signature)).isFalse();
                assertThat(p.verify(scheme, own.getPublic(), null, signature)).isFalse();
                assertThat(p.verify(scheme, own.getPublic(), MESSAGE, null)).isFalse();
                assertThat(p.verify(null, own.getPublic(), MESSAGE, signature)).isFalse();
                assertThatThrownBy(() -> p.sign(scheme, null, MESSAGE)).isInstanceOf(InvalidKeyException.class);
            }
        }
    }

    /** A public key whose point is not on the curve never verifies (SEC 1 §3.2.2.1). */
    @Test
    void publicPointOffTheCurveIsRefused() throws Exception {
        KeyPair pair = SignatureTestKeys.forScheme(SignatureScheme.ECDSA_SECP256R1_SHA256);
        ECPublicKey real = (ECPublicKey) pair.getPublic();
        ECPoint w = real.getW();
        ECPublicKey off = new FakeEcPublicKey(new ECPoint(w.getAffineX(), w.getAffineY().add(java.math.BigInteger.ONE)),
                real.getParams());
        for (CryptoProvider p : Backends.all()) {
            byte[] signature = p.sign(SignatureScheme.ECDSA_SECP256R1_SHA256, pair.getPrivate(), MESSAGE);
            assertThat(p.verify(SignatureScheme.ECDSA_SECP256R1_SHA256, new FakeEcPublicKey(w, real.getParams()),
                    MESSAGE, signature)).as(p.name()).isTrue();
            assertThat(p.verify(SignatureScheme.ECDSA_SECP256R1_SHA256, off, MESSAGE, signature)).as(p.name()).isFalse();
        }
    }

    /** An ECPublicKey from outside the JDK's providers, as a KeyStore or HSM might hand out. */
    private record FakeEcPublicKey(ECPoint getW, ECParameterSpec getParams) implements ECPublicKey {
        @Override
        public String getAlgorithm() {
            return "EC";
        }

        @Override
        public String getFormat() {
            return null;
        }

        @Override
        public byte[] getEncoded() {
            return null;
        }
    }

    @Test
    void publicKeyTypeIsCheckedNotTrusted() {
        PublicKey notAKey = new PublicKey() {
            @Override
            public String getAlgorithm() {
                return "RSA";
            }

            @Override
            public String getFormat() {
                return "X.509";
            }

            @Override
            public byte[] getEncoded() {
                throw new IllegalStateException("boom");
            }
        };
        for (CryptoProvider p : Backends.all()) {
            for (SignatureScheme scheme : SignatureScheme.values()) {
                assertThat(p.verify(scheme, notAKey, MESSAGE, new byte[64])).isFalse();
            }
        }
    }
}
