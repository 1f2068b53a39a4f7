package dev.jtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Wycheproof RSASSA-PSS verification (testvectors_v1/rsa_pss_*_test.json), every backend. Only
 * groups whose parameters are those of an rsa_pss_rsae scheme apply (RFC 8446 §4.2.3: MGF1 with
 * the same hash, salt length = hash length); any other group is counted as not applicable with the
 * reason printed. In the six files kept here every group applies.
 */
class WycheproofRsaPssTest {
    @ParameterizedTest
    @CsvSource({
        "rsa_pss_2048_sha256_mgf1_32_test.json.gz, RSA_PSS_RSAE_SHA256, 108",
        "rsa_pss_3072_sha256_mgf1_32_test.json.gz, RSA_PSS_RSAE_SHA256, 108",
        "rsa_pss_4096_sha256_mgf1_32_test.json.gz, RSA_PSS_RSAE_SHA256, 108",
        "rsa_pss_2048_sha384_mgf1_48_test.json.gz, RSA_PSS_RSAE_SHA384, 141",
        "rsa_pss_4096_sha384_mgf1_48_test.json.gz, RSA_PSS_RSAE_SHA384, 141",
        "rsa_pss_4096_sha512_mgf1_64_test.json.gz, RSA_PSS_RSAE_SHA512, 179",
    })
    void allVectors(String file, SignatureScheme scheme, int applicable) throws Exception {
        int run = WycheproofSignatures.run(file, scheme, "RSA", List.of(), group -> notApplicable(scheme, group));
        assertThat(run).isEqualTo(applicable);
    }

    private static String notApplicable(SignatureScheme scheme, JsonObject group) {
        String hash = scheme.hash().jcaName();
        String sha = group.get("sha").getAsString();
        String mgf = group.get("mgf").getAsString();
        String mgfSha = group.get("mgfSha").getAsString();
        int sLen = group.get("sLen").getAsInt();
        if (!sha.equals(hash)) {
            return "hash " + sha + " is not " + hash;
        }
        if (!mgf.equals("MGF1") || !mgfSha.equals(hash)) {
            return mgf + " with " + mgfSha + " is not MGF1 with " + hash;
        }
        if (sLen != scheme.hash().outputLength()) {
            return "salt length " + sLen + " is not the hash length " + scheme.hash().outputLength();
        }
        return null;
    }
}
