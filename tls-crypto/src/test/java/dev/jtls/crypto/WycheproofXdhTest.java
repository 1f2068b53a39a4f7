package dev.jtls.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wycheproof x25519_test and x448_test (raw RFC 7748 keys) against every backend. */
class WycheproofXdhTest {
    /**
     * Decisions for {@code acceptable} vectors, per flag (a vector is accepted only if all of its
     * flags say so). RFC 7748 §5 makes every 32/56-byte string a valid u-coordinate; the only
     * thing TLS refuses is the all-zero output (RFC 7748 §6.1, RFC 8422 §5.11).
     */
    private static final Map<String, Boolean> ACCEPTABLE = Map.ofEntries(
            // RFC 8422 §5.11: the all-zero shared secret MUST be refused.
            Map.entry("ZeroSharedSecret", false),
            // Not by itself a zero output: x448 #67-#69 are encodings >= p of low-order points
            // that reduce to points of large order; every low-order key whose output is zero
            // also carries ZeroSharedSecret and is refused through that flag.
            Map.entry("LowOrderPublic", true),
            // RFC 7748 §5: points on the twist are processed like any other u-coordinate.
            Map.entry("Twist", true),
            // RFC 7748 §5: non-canonical u (>= p) MUST be accepted and reduced modulo p.
            Map.entry("NonCanonicalPublic", true),
            // Ordinary computations with unusual inputs; RFC 7748 gives them a defined output.
            Map.entry("EdgeCaseMultiplication", true),
            Map.entry("EdgeCaseShared", true),
            Map.entry("SpecialPublicKey", true),
            Map.entry("SmallPublicKey", true),
            Map.entry("Ktv", true));

    @Test
    void x25519() {
        assertThat(KeyShareVectors.run("x25519_test.json.gz", NamedGroup.X25519, ACCEPTABLE, c -> c.hex("public")))
                .isEmpty();
    }

    @Test
    void x448() {
        assertThat(KeyShareVectors.run("x448_test.json.gz", NamedGroup.X448, ACCEPTABLE, c -> c.hex("public")))
                .isEmpty();
    }
}
