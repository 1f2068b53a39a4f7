package dev.jtls.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CipherSuiteTest {
    @Test
    void codesAreUniqueAndRoundTrip() {
        Set<Integer> seen = new HashSet<>();
        for (CipherSuite s : CipherSuite.values()) {
            assertThat(seen.add(s.code())).as("duplicate code for %s", s).isTrue();
            assertThat(CipherSuite.fromCode(s.code())).isSameAs(s);
        }
        assertThat(CipherSuite.fromCode(0x0005)).as("RC4 is not supported").isNull();
    }

    @Test
    void nameAgreesWithTheTable() {
        for (CipherSuite s : CipherSuite.values()) {
            String n = s.name();
            assertThat(n).startsWith(s.keyExchange() == CipherSuite.KeyExchange.ECDHE
                    ? "TLS_ECDHE_" + s.authentication() + "_WITH_" : "TLS_RSA_WITH_");
            assertThat(n.endsWith("_SHA384")).isEqualTo(s.prfHash().name().equals("SHA384"));
            assertThat(n.contains("_CBC_")).isEqualTo(s.protection() instanceof CipherSuite.Cbc);
        }
    }

    @Test
    void keyBlockLengthsFollowRfc5246Section6_3() {
        // 2 x (mac key + enc key + fixed iv)
        assertThat(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256.keyBlockLength()).isEqualTo(2 * (16 + 4));
        assertThat(CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256.keyBlockLength()).isEqualTo(2 * (32 + 12));
        assertThat(CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA.keyBlockLength()).isEqualTo(2 * (20 + 16));
        assertThat(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384.keyBlockLength()).isEqualTo(2 * (48 + 32));
    }

    @Test
    void defaultOrderPutsForwardSecrecyAndAeadFirst() {
        List<CipherSuite> order = CipherSuite.defaultOrder();
        assertThat(order).hasSize(20);
        int lastEcdheAead = -1;
        int firstOther = Integer.MAX_VALUE;
        for (int i = 0; i < order.size(); i++) {
            CipherSuite s = order.get(i);
            boolean ecdheAead = s.keyExchange() == CipherSuite.KeyExchange.ECDHE
                    && s.protection() instanceof CipherSuite.Aead;
            if (ecdheAead) {
                lastEcdheAead = i;
            } else {
                firstOther = Math.min(firstOther, i);
            }
        }
        assertThat(lastEcdheAead).isLessThan(firstOther);
        assertThat(order.get(order.size() - 1).keyExchange()).isEqualTo(CipherSuite.KeyExchange.RSA);
    }
}
