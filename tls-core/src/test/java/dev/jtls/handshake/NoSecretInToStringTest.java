package dev.jtls.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.crypto.CryptoProviders;
import dev.jtls.crypto.HashAlgorithm;
import dev.jtls.suite.CipherSuite;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No key-holding object prints key material: not in hex, upper or lower case, nor as a byte list. */
class NoSecretInToStringTest {
    @Test
    void noKeyHoldingClassPrintsItsSecret() {
        for (CipherSuite suite : CipherSuite.values()) {
            byte[] secret = MasterSecretTest.fill(48, 0x5a);
            MasterSecret ms = MasterSecret.fromSession(CryptoProviders.jca(), suite, true, secret);
            KeyBlock kb = ms.keyBlock(MasterSecretTest.fill(32, 1), MasterSecretTest.fill(32, 2));
            byte[] hash = MasterSecretTest.fill(suite.prfHash().outputLength(), 3);
            FinishedVerified fv = ms.verifyFinished(Side.CLIENT, hash, ms.verifyData(Side.CLIENT, hash));
            Transcript t = new Transcript();
            t.add(secret);
            t.selectHash(CryptoProviders.jca(), HashAlgorithm.SHA256);

            List<byte[]> secrets = new ArrayList<>(List.of(secret, ms.verifyData(Side.CLIENT, hash)));
            for (Side s : Side.values()) {
                secrets.add(kb.macKey(s));
                secrets.add(kb.encryptionKey(s));
                secrets.add(kb.fixedIv(s));
            }
            List<String> printed = List.of(ms.toString(), kb.toString(), fv.toString(), t.toString(),
                    kb.protections(Side.CLIENT, true).toString());
            for (String text : printed) {
                for (byte[] s : secrets) {
                    if (s.length < 4) {
                        continue;
                    }
                    String hex = HexFormat.of().formatHex(s, 0, 4);
                    assertThat(text.toLowerCase()).as(text).doesNotContain(hex);
                    assertThat(text).doesNotContain(java.util.Arrays.toString(java.util.Arrays.copyOf(s, 4))
                            .replace("]", ""));
                }
            }
            assertThat(ms.toString()).isEqualTo("MasterSecret[" + suite + ", extended]");
            ms.destroy();
            assertThat(ms.toString()).endsWith(", destroyed]");
        }
    }
}
