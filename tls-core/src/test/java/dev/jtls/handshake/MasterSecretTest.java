package dev.jtls.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.suite.CipherSuite;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The master secret formulas, checked against a from-scratch PRF on the JDK's HMAC (an
 * implementation independent of tls-crypto); the real-connection known answers are in
 * {@link OpenSslTranscriptTest}.
 */
class MasterSecretTest {
    private static final List<CryptoProvider> PROVIDERS =
            List.of(CryptoProviders.bouncyCastle(), CryptoProviders.jca(), CryptoProviders.defaults());
    private static final CipherSuite SHA256_SUITE = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256;
    private static final CipherSuite SHA384_SUITE = CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384;

    static byte[] fill(int n, int start) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (start + i * 7);
        }
        return b;
    }

    /** RFC 5246 §5 P_hash, written out on javax.crypto.Mac. */
    static byte[] jdkPrf(HashAlgorithm hash, byte[] secret, String label, byte[] seed, int length) throws Exception {
        String alg = "Hmac" + hash.jcaName().replace("-", "");
        Mac mac = Mac.getInstance(alg);
        mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, alg));
        byte[] labelSeed = TranscriptTest.concat(label.getBytes(StandardCharsets.US_ASCII), seed);
        byte[] out = new byte[0];
        byte[] a = mac.doFinal(labelSeed);
        while (out.length < length) {
            out = TranscriptTest.concat(out, mac.doFinal(TranscriptTest.concat(a, labelSeed)));
            a = mac.doFinal(a);
        }
        return Arrays.copyOf(out, length);
    }

    @Test
    void extendedMasterSecretIsRfc7627Section4() throws Exception {
        for (CryptoProvider p : PROVIDERS) {
            for (CipherSuite suite : List.of(SHA256_SUITE, SHA384_SUITE)) {
                byte[] premaster = fill(48, 3);
                byte[] sessionHash = fill(suite.prfHash().outputLength(), 9);
                byte[] expected = jdkPrf(suite.prfHash(), premaster, "extended master secret", sessionHash, 48);
                MasterSecret ms = MasterSecret.deriveExtended(p, suite, premaster, sessionHash);
                assertThat(ms.copyForSession()).isEqualTo(expected);
                assertThat(ms.extended()).isTrue();
                assertThat(ms.suite()).isEqualTo(suite);
                assertThat(premaster).as("premaster zeroed").containsOnly(0);
            }
        }
    }

    @Test
    void legacyMasterSecretIsRfc5246Section8_1() throws Exception {
        for (CryptoProvider p : PROVIDERS) {
            for (CipherSuite suite : List.of(SHA256_SUITE, SHA384_SUITE)) {
                byte[] premaster = fill(32, 5); // an X25519 shared secret is 32 bytes
                byte[] cr = fill(32, 1);
                byte[] sr = fill(32, 100);
                byte[] expected = jdkPrf(suite.prfHash(), premaster, "master secret", TranscriptTest.concat(cr, sr), 48);
                MasterSecret ms = MasterSecret.deriveLegacy(p, suite, premaster, cr, sr);
                assertThat(ms.copyForSession()).isEqualTo(expected);
                assertThat(ms.extended()).isFalse();
                assertThat(premaster).containsOnly(0);
            }
        }
    }

    @Test
    void extendedAndLegacyDifferForTheSameInputs() {
        CryptoProvider p = PROVIDERS.get(0);
        byte[] hash = fill(32, 2);
        byte[] a = MasterSecret.deriveExtended(p, SHA256_SUITE, fill(48, 1), hash).copyForSession();
        byte[] b = MasterSecret.deriveLegacy(p, SHA256_SUITE, fill(48, 1), hash, fill(32, 4)).copyForSession();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void theBackendsAgreeOnEveryDerivation() {
        List<String> failures = new ArrayList<>();
        for (CipherSuite suite : CipherSuite.values()) {
            byte[] cr = fill(32, suite.code());
            byte[] sr = fill(32, ~suite.code());
            byte[] hash = fill(suite.prfHash().outputLength(), 77);
            String reference = null;
            for (CryptoProvider p : PROVIDERS) {
                MasterSecret ms = MasterSecret.deriveExtended(p, suite, fill(48, 11), hash);
                KeyBlock kb = ms.keyBlock(cr, sr);
                String all = HexFormat.of().formatHex(ms.copyForSession())
                        + HexFormat.of().formatHex(kb.encryptionKey(Side.CLIENT))
                        + HexFormat.of().formatHex(kb.macKey(Side.SERVER))
                        + HexFormat.of().formatHex(kb.fixedIv(Side.SERVER))
                        + HexFormat.of().formatHex(ms.verifyData(Side.CLIENT, hash));
                if (reference == null) {
                    reference = all;
                } else if (!reference.equals(all)) {
                    failures.add(suite + " " + p.name());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void premasterIsZeroedEvenWhenTheSessionHashIsWrong() {
        byte[] premaster = fill(48, 1);
        assertThatThrownBy(() -> MasterSecret.deriveExtended(PROVIDERS.get(0), SHA384_SUITE, premaster, new byte[32]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(premaster).containsOnly(0);
        byte[] premaster2 = fill(48, 1);
        assertThatThrownBy(() -> MasterSecret.deriveLegacy(PROVIDERS.get(0), SHA256_SUITE, premaster2, new byte[31],
                new byte[32])).isInstanceOf(IllegalArgumentException.class);
        assertThat(premaster2).containsOnly(0);
    }

    @Test
    void fromSessionCopiesAndDestroyZeroes() {
        byte[] stored = fill(48, 8);
        MasterSecret ms = MasterSecret.fromSession(PROVIDERS.get(1), SHA256_SUITE, true, stored);
        stored[0] ^= 1;
        assertThat(ms.copyForSession()).isEqualTo(fill(48, 8));
        assertThatThrownBy(() -> MasterSecret.fromSession(PROVIDERS.get(1), SHA256_SUITE, true, new byte[47]))
                .isInstanceOf(IllegalArgumentException.class);
        ms.destroy();
        assertThat(ms.isDestroyed()).isTrue();
        assertThatThrownBy(ms::copyForSession).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ms.keyBlock(new byte[32], new byte[32])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ms.verifyData(Side.CLIENT, new byte[32])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ms.logTo(KeyLog.NONE, new byte[32])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void verifyDataIsRfc5246Section7_4_9() throws Exception {
        for (CryptoProvider p : PROVIDERS) {
            for (CipherSuite suite : List.of(SHA256_SUITE, SHA384_SUITE)) {
                MasterSecret ms = MasterSecret.fromSession(p, suite, true, fill(48, 3));
                byte[] hash = fill(suite.prfHash().outputLength(), 5);
                assertThat(ms.verifyData(Side.CLIENT, hash))
                        .isEqualTo(jdkPrf(suite.prfHash(), fill(48, 3), "client finished", hash, 12));
                assertThat(ms.verifyData(Side.SERVER, hash))
                        .isEqualTo(jdkPrf(suite.prfHash(), fill(48, 3), "server finished", hash, 12));
                assertThatThrownBy(() -> ms.verifyData(Side.CLIENT, new byte[20]))
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void keyBlockIsRfc5246Section6_3WithServerRandomFirst() throws Exception {
        CryptoProvider p = PROVIDERS.get(2);
        byte[] cr = fill(32, 1);
        byte[] sr = fill(32, 2);
        for (CipherSuite suite : CipherSuite.values()) {
            MasterSecret ms = MasterSecret.fromSession(p, suite, true, fill(48, 3));
            KeyBlock kb = ms.keyBlock(cr, sr);
            byte[] expected = jdkPrf(suite.prfHash(), fill(48, 3), "key expansion", TranscriptTest.concat(sr, cr),
                    suite.keyBlockLength());
            // RFC 5246 §6.3 order: client MAC, server MAC, client key, server key, client IV, server IV.
            assertThat(TranscriptTest.concat(kb.macKey(Side.CLIENT), kb.macKey(Side.SERVER),
                    kb.encryptionKey(Side.CLIENT), kb.encryptionKey(Side.SERVER),
                    kb.fixedIv(Side.CLIENT), kb.fixedIv(Side.SERVER))).as(suite.name()).isEqualTo(expected);
        }
    }
}
