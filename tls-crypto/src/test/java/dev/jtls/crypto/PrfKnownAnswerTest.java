package dev.jtls.crypto;

import static dev.jtls.crypto.HashKnownAnswerTest.hex;
import static dev.jtls.crypto.HmacKnownAnswerTest.unhex;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The TLS 1.2 PRF (RFC 5246 §5) against the SHA-256 and SHA-384 vectors posted to the IETF TLS
 * list (tls mail archive msg03416), which several independent TLS stacks use as their PRF
 * known answers.
 */
class PrfKnownAnswerTest {
    private static final String SHA256_OUT = "e3f229ba727be17b8d122620557cd453c2aab21d07c3d495329b52d4e61edb5a"
            + "6b301791e90d35c9c9a46b4e14baf9af0fa022f7077def17abfd3797c0564bab"
            + "4fbc91666e9def9b97fce34f796789baa48082d122ee42c5a72e5a5110fff701"
            + "87347b66";
    private static final String SHA384_OUT = "7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cd"
            + "e9ca0faa60be9fe34f82b1233c9146a0e534cb400fed2700884f9dc236f80edd"
            + "8bfa961144c9e8d792eca722a7b32fc3d416d473ebc2c5fd4abfdad05d918425"
            + "9b5bf8cd4d90fa0d31e2dec479e4f1a26066f2eea9a69236a3e52655c9e9aee6"
            + "91c8f3a26854308d5eaa3be85e0990703d73e56f";

    @Test
    void sha256() {
        for (CryptoProvider p : Backends.all()) {
            byte[] out = p.prf(HashAlgorithm.SHA256, unhex("9bbe436ba940f017b17652849a71db35"), "test label",
                    unhex("a0ba9f936cda311827a6f796ffd5198c"), 100);
            assertThat(hex(out)).as(p.name()).isEqualTo(SHA256_OUT);
        }
    }

    @Test
    void sha384() {
        for (CryptoProvider p : Backends.all()) {
            byte[] out = p.prf(HashAlgorithm.SHA384, unhex("b80b733d6ceefcdc71566ea48e5567df"), "test label",
                    unhex("cd665cf6a8447dd6ff8b27555edb7465"), 148);
            assertThat(hex(out)).as(p.name()).isEqualTo(SHA384_OUT);
        }
    }

    @Test
    void everyLengthIsAPrefixOfTheLongOutput() {
        // P_hash is a stream: a shorter request returns a prefix (lengths around block edges, and 0).
        for (CryptoProvider p : Backends.all()) {
            for (int n = 0; n <= 100; n++) {
                byte[] out = p.prf(HashAlgorithm.SHA256, unhex("9bbe436ba940f017b17652849a71db35"), "test label",
                        unhex("a0ba9f936cda311827a6f796ffd5198c"), n);
                assertThat(hex(out)).as(p.name() + " " + n).isEqualTo(SHA256_OUT.substring(0, 2 * n));
            }
        }
    }
}
