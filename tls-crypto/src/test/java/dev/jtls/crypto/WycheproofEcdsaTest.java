package dev.jtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Wycheproof ECDSA verification with DER signatures (testvectors_v1, ecdsa_*_test.json), every
 * backend. The files have no `acceptable` vectors: BER, missing zeros and out-of-range values are
 * all `invalid`, and our strict {@link EcdsaSignatureDer} refuses them for both backends.
 */
class WycheproofEcdsaTest {
    @ParameterizedTest
    @CsvSource({
        "ecdsa_secp256r1_sha256_test.json.gz, ECDSA_SECP256R1_SHA256, 484",
        "ecdsa_secp384r1_sha384_test.json.gz, ECDSA_SECP384R1_SHA384, 504",
        "ecdsa_secp521r1_sha512_test.json.gz, ECDSA_SECP521R1_SHA512, 542",
    })
    void allVectors(String file, SignatureScheme scheme, int total) throws Exception {
        int run = WycheproofSignatures.run(file, scheme, "EC", List.of(), group -> {
            String curve = group.getAsJsonObject("publicKey").get("curve").getAsString();
            return curve.equals(NistCurve.forScheme(scheme).standardName()) ? null : "curve " + curve;
        });
        assertThat(run).isEqualTo(total);
    }
}
