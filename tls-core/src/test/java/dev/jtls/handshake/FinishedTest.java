package dev.jtls.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.record.AlertDescription;
import dev.jtls.record.TlsAlertException;
import dev.jtls.suite.CipherSuite;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Finished verification: a match gives the proof token; any mismatch is decrypt_error (RFC 5246
 * §7.4.9, §7.2.2), which is also what tlsfuzzer's scripts/test-fuzzed-finished.py expects for every
 * altered verify_data byte.
 */
class FinishedTest {
    private static final CryptoProvider P = CryptoProviders.defaults();

    static MasterSecret master(CipherSuite suite) {
        return MasterSecret.fromSession(P, suite, true, MasterSecretTest.fill(48, 42));
    }

    static void expectDecryptError(List<String> failures, String what, Runnable r) {
        try {
            r.run();
            failures.add(what + ": accepted");
        } catch (TlsAlertException e) {
            if (e.description() != AlertDescription.DECRYPT_ERROR) {
                failures.add(what + ": " + e.description());
            }
        }
    }

    @Test
    void theRightVerifyDataGivesAProofForEitherSender() {
        for (CipherSuite suite : List.of(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384)) {
            MasterSecret ms = master(suite);
            byte[] hash = MasterSecretTest.fill(suite.prfHash().outputLength(), 1);
            for (Side sender : Side.values()) {
                byte[] vd = ms.verifyData(sender, hash);
                assertThat(vd).hasSize(12);
                FinishedVerified proof = ms.verifyFinished(sender, hash, vd);
                assertThat(proof.sender()).isEqualTo(sender);
                assertThat(proof.verifyData()).isEqualTo(vd);
                // The token's copy is a copy.
                proof.verifyData()[0] ^= 1;
                assertThat(proof.verifyData()).isEqualTo(vd);
            }
        }
    }

    @Test
    void everyMismatchIsDecryptError() {
        CipherSuite suite = CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA;
        MasterSecret ms = master(suite);
        byte[] hash = MasterSecretTest.fill(32, 1);
        byte[] good = ms.verifyData(Side.CLIENT, hash);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < good.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) (1 << bit);
                expectDecryptError(failures, "byte " + i + " bit " + bit, () -> ms.verifyFinished(Side.CLIENT, hash, bad));
            }
        }
        for (int len : new int[] {0, 11, 13, 32}) {
            byte[] bad = Arrays.copyOf(good, len);
            expectDecryptError(failures, "length " + len, () -> ms.verifyFinished(Side.CLIENT, hash, bad));
        }
        // The server's verify_data offered as the client's (a reflected Finished).
        expectDecryptError(failures, "reflected", () -> ms.verifyFinished(Side.SERVER, hash, good));
        // Another transcript (a message changed in flight).
        byte[] otherHash = hash.clone();
        otherHash[31] ^= 1;
        expectDecryptError(failures, "other transcript", () -> ms.verifyFinished(Side.CLIENT, otherHash, good));
        // Another master secret (e.g. a different premaster).
        MasterSecret other = MasterSecret.fromSession(P, suite, true, MasterSecretTest.fill(48, 43));
        expectDecryptError(failures, "other secret", () -> other.verifyFinished(Side.CLIENT, hash, good));
        assertThat(failures).isEmpty();
    }

    @Test
    void theAlertMessageCarriesNoVerifyData() {
        MasterSecret ms = master(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA);
        byte[] hash = MasterSecretTest.fill(32, 1);
        byte[] good = ms.verifyData(Side.SERVER, hash);
        byte[] bad = good.clone();
        bad[0] ^= 1;
        assertThatThrownBy(() -> ms.verifyFinished(Side.SERVER, hash, bad))
                .isInstanceOfSatisfying(TlsAlertException.class, e -> {
                    assertThat(e.getMessage()).contains("server Finished");
                    assertThat(e.getMessage().toLowerCase()).doesNotContain(
                            java.util.HexFormat.of().formatHex(good).substring(0, 6));
                });
    }

    @Test
    void onlyTheVerifierMakesTheToken() {
        for (Constructor<?> c : FinishedVerified.class.getDeclaredConstructors()) {
            assertThat(Modifier.isPrivate(c.getModifiers())).as(c.toString()).isTrue();
        }
        assertThat(Modifier.isFinal(FinishedVerified.class.getModifiers())).isTrue();
    }
}
