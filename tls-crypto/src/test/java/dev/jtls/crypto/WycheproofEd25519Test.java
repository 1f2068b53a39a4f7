package dev.jtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof Ed25519 verification (testvectors_v1/ed25519_test.json), every backend: malleable
 * S >= L, truncated or padded signatures and non-canonical encodings are `invalid` and refused.
 */
class WycheproofEd25519Test {
    @Test
    void allVectors() throws Exception {
        int run = WycheproofSignatures.run("ed25519_test.json.gz", SignatureScheme.ED25519, "Ed25519", List.of(), null);
        assertThat(run).isEqualTo(151);
    }
}
