package dev.jtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The default provider uses the backend its table names (seen from the classes of what it makes). */
class DefaultChoiceTest {
    private final CryptoProvider defaults = CryptoProviders.defaults();

    private static String backendOf(Object made) {
        String pkg = made.getClass().getPackageName();
        return pkg.substring(pkg.lastIndexOf('.') + 1);
    }

    @Test
    void theObjectsTheDefaultMakesComeFromTheChosenBackend() throws Exception {
        for (HashAlgorithm h : HashAlgorithm.values()) {
            assertThat(backendOf(defaults.newDigest(h))).as("digest " + h).isEqualTo(DefaultChoice.DIGEST.backend().label());
            assertThat(backendOf(defaults.newHmac(h, new byte[32]))).as("hmac " + h)
                    .isEqualTo(DefaultChoice.HMAC.backend().label());
        }
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            assertThat(backendOf(defaults.newAead(a, new byte[a.keyLength()]))).as(a.name())
                    .isEqualTo(DefaultChoice.AEAD.backend().label());
        }
        for (CbcAlgorithm c : CbcAlgorithm.values()) {
            assertThat(backendOf(defaults.newCbc(c, new byte[c.keyLength()]))).as(c.name())
                    .isEqualTo(DefaultChoice.CBC.backend().label());
        }
        for (NamedGroup g : NamedGroup.values()) {
            assertThat(backendOf(defaults.generateKeyShare(g))).as(g.name()).isEqualTo(DefaultChoice.ECDHE.backend().label());
        }
    }

    @Test
    void signaturesSplitByKind() {
        for (SignatureScheme s : SignatureScheme.values()) {
            boolean rsa = s.kind() == SignatureScheme.Kind.RSA_PKCS1 || s.kind() == SignatureScheme.Kind.RSA_PSS;
            assertThat(DefaultChoice.forSignature(s, true)).isEqualTo(rsa ? DefaultChoice.RSA_SIGN : DefaultChoice.EC_SIGN);
            assertThat(DefaultChoice.forSignature(s, false)).isEqualTo(rsa ? DefaultChoice.RSA_VERIFY : DefaultChoice.EC_VERIFY);
        }
        for (DefaultChoice c : DefaultChoice.values()) {
            assertThat(c.measured()).as(c.name()).contains(" vs ");
        }
    }
}
