package dev.jtls.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.crypto.AeadAlgorithm;
import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.record.AeadProtection;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.CbcProtection;
import dev.jtls.record.RecordProtection;
import dev.jtls.record.TlsAlertException;
import dev.jtls.suite.CipherSuite;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyBlockTest {
    private static final List<CryptoProvider> PROVIDERS =
            List.of(CryptoProviders.bouncyCastle(), CryptoProviders.jca(), CryptoProviders.defaults());

    static KeyBlock block(CryptoProvider p, CipherSuite suite) {
        MasterSecret ms = MasterSecret.fromSession(p, suite, true, MasterSecretTest.fill(48, suite.code()));
        return ms.keyBlock(MasterSecretTest.fill(32, 1), MasterSecretTest.fill(32, 2));
    }

    @Test
    void everySuiteSplitsIntoTheLengthsOfItsProtection() {
        // {MAC key, encryption key, fixed IV} per direction, by RFC: RFC 5246 §6.3 / Appendix C,
        // RFC 5288 §3 (GCM salt 4), RFC 7905 §2 (ChaCha20 IV 12), RFC 5246 §6.2.3.2 (CBC: no fixed IV).
        Map<String, int[]> lengths = Map.of(
                "AES_128_GCM", new int[] {0, 16, 4},
                "AES_256_GCM", new int[] {0, 32, 4},
                "CHACHA20_POLY1305", new int[] {0, 32, 12},
                "AES_128_CBC_SHA1", new int[] {20, 16, 0},
                "AES_256_CBC_SHA1", new int[] {20, 32, 0},
                "AES_128_CBC_SHA256", new int[] {32, 16, 0},
                "AES_256_CBC_SHA256", new int[] {32, 32, 0},
                "AES_256_CBC_SHA384", new int[] {48, 32, 0});
        for (CipherSuite suite : CipherSuite.values()) {
            String key = suite.protection() instanceof CipherSuite.Aead
                    ? ((CipherSuite.Aead) suite.protection()).algorithm().name()
                    : ((CipherSuite.Cbc) suite.protection()).algorithm().name() + "_"
                            + ((CipherSuite.Cbc) suite.protection()).mac().name();
            int[] want = lengths.get(key);
            assertThat(want).as(suite.name()).isNotNull();
            // The suite name says the same: the MAC hash (CBC) is its last word.
            assertThat(suite.name()).contains(key.replace("_SHA1", "_SHA"));
            KeyBlock kb = block(PROVIDERS.get(0), suite);
            for (Side s : Side.values()) {
                assertThat(kb.macKey(s)).as(suite + " mac").hasSize(want[0]);
                assertThat(kb.encryptionKey(s)).as(suite + " key").hasSize(want[1]);
                assertThat(kb.fixedIv(s)).as(suite + " iv").hasSize(want[2]);
            }
            assertThat(kb.length()).isEqualTo(2 * (want[0] + want[1] + want[2]));
            assertThat(kb.encryptionKey(Side.CLIENT)).isNotEqualTo(kb.encryptionKey(Side.SERVER));
        }
    }

    @Test
    void protectionsOfClientAndServerInteroperateForEverySuiteAndBackendPair() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (CipherSuite suite : CipherSuite.values()) {
            for (boolean etm : new boolean[] {false, true}) {
                for (CryptoProvider cp : PROVIDERS) {
                    for (CryptoProvider sp : PROVIDERS) {
                        KeyBlock.Protections client = block(cp, suite).protections(Side.CLIENT, etm);
                        KeyBlock.Protections server = block(sp, suite).protections(Side.SERVER, etm);
                        String what = suite + " etm=" + etm + " " + cp.name() + "/" + sp.name();
                        for (long seq : new long[] {0, 1, 1L << 40}) {
                            byte[] up = ("client " + seq).getBytes(StandardCharsets.US_ASCII);
                            byte[] down = ("server " + seq).getBytes(StandardCharsets.US_ASCII);
                            if (!java.util.Arrays.equals(up, open(server.read(), seq, seal(client.write(), seq, up)))
                                    || !java.util.Arrays.equals(down, open(client.read(), seq, seal(server.write(), seq, down)))) {
                                failures.add(what);
                            }
                            checked++;
                        }
                        // A client's own read state does not open what it wrote: the directions have their own keys.
                        byte[] own = seal(client.write(), 7, new byte[5]);
                        assertThatThrownBy(() -> open(client.read(), 7, own)).as(what)
                                .isInstanceOfSatisfying(TlsAlertException.class,
                                        e -> assertThat(e.description()).isEqualTo(AlertDescription.BAD_RECORD_MAC));
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(checked).isEqualTo(CipherSuite.values().length * 2 * 9 * 3);
    }

    @Test
    void protectionTypesFollowTheSuite() {
        for (CipherSuite suite : CipherSuite.values()) {
            KeyBlock kb = block(PROVIDERS.get(0), suite);
            for (boolean etm : new boolean[] {false, true}) {
                RecordProtection w = kb.protection(Side.CLIENT, etm);
                if (suite.protection() instanceof CipherSuite.Aead) {
                    assertThat(w).isInstanceOf(AeadProtection.class);
                    boolean chacha = ((CipherSuite.Aead) suite.protection()).algorithm() == AeadAlgorithm.CHACHA20_POLY1305;
                    // RFC 5288 §3: 8 explicit nonce bytes for GCM; RFC 7905 §2: none for ChaCha20.
                    assertThat(w.explicitPrefixLength()).isEqualTo(chacha ? 0 : 8);
                } else {
                    assertThat(w).isInstanceOf(CbcProtection.class);
                    assertThat(((CbcProtection) w).encryptThenMac()).isEqualTo(etm);
                    HashAlgorithm mac = ((CipherSuite.Cbc) suite.protection()).mac();
                    assertThat(w.maxSuffixLength()).isEqualTo(mac.outputLength() + 16);
                }
            }
        }
    }

    @Test
    void destroyZeroesAndRefusesFurtherUse() {
        KeyBlock kb = block(PROVIDERS.get(0), CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA);
        kb.destroy();
        assertThatThrownBy(() -> kb.macKey(Side.CLIENT)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> kb.protections(Side.SERVER, true)).isInstanceOf(IllegalStateException.class);
    }

    static byte[] seal(RecordProtection p, long seq, byte[] pt) {
        return OpenSslTranscriptTest.seal(p, seq, pt);
    }

    static byte[] open(RecordProtection p, long seq, byte[] record) {
        return OpenSslTranscriptTest.open(p, seq, record);
    }
}
