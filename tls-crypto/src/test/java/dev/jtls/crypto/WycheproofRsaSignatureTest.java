package dev.jtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Wycheproof RSASSA-PKCS1-v1_5 verification (testvectors_v1/rsa_signature_*_test.json), every backend. */
class WycheproofRsaSignatureTest {
    /** Each `acceptable` flag in these files, decided once. */
    static final List<WycheproofSignatures.Decision> DECISIONS = List.of(
            new WycheproofSignatures.Decision("MissingNull", false,
                    "RFC 8017 §9.2 note 1: for SHA-2 the AlgorithmIdentifier parameters MUST be NULL; "
                            + "we compare the whole EMSA-PKCS1-v1_5 block, so the legacy form without NULL fails"));

    @ParameterizedTest
    @CsvSource({
        "rsa_signature_2048_sha256_test.json.gz, RSA_PKCS1_SHA256, 259",
        "rsa_signature_2048_sha384_test.json.gz, RSA_PKCS1_SHA384, 258",
        "rsa_signature_2048_sha512_test.json.gz, RSA_PKCS1_SHA512, 259",
        "rsa_signature_3072_sha256_test.json.gz, RSA_PKCS1_SHA256, 259",
        "rsa_signature_3072_sha384_test.json.gz, RSA_PKCS1_SHA384, 259",
        "rsa_signature_3072_sha512_test.json.gz, RSA_PKCS1_SHA512, 260",
        "rsa_signature_4096_sha256_test.json.gz, RSA_PKCS1_SHA256, 258",
        "rsa_signature_4096_sha384_test.json.gz, RSA_PKCS1_SHA384, 259",
        "rsa_signature_4096_sha512_test.json.gz, RSA_PKCS1_SHA512, 259",
    })
    void allVectors(String file, SignatureScheme scheme, int total) throws Exception {
        int run = WycheproofSignatures.run(file, scheme, "RSA", DECISIONS, group -> {
            String sha = group.get("sha").getAsString();
            return sha.equals(scheme.hash().jcaName()) ? null : "hash " + sha;
        });
        assertThat(run).isEqualTo(total);
    }
}
