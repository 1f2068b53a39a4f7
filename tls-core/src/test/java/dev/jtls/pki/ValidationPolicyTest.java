package dev.jtls.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The named policies against their frozen snapshots (src/test/resources/policies), and the builder. */
class ValidationPolicyTest {
    private static List<String> snapshot(ValidationPolicy p) {
        List<String> out = new ArrayList<>();
        out.add("purpose=" + p.purpose());
        out.add("profile=" + p.profile());
        out.add("maxIntermediates=" + p.maxIntermediates());
        out.add("maxWork=" + p.maxWork());
        out.add("minRsaBits=" + p.minRsaBits());
        out.add("signatureAlgorithms=" + sorted(p.signatureAlgorithms()));
        out.add("curves=" + sorted(p.curves()));
        return out;
    }

    private static String sorted(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).collect(Collectors.toCollection(TreeSet::new)).stream()
                .collect(Collectors.joining(","));
    }

    private static List<String> golden(String name) throws Exception {
        try (InputStream in = ValidationPolicyTest.class.getResourceAsStream("/policies/" + name + ".txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank()).collect(Collectors.toList());
        }
    }

    @Test
    void namedPoliciesMatchTheirSnapshots() throws Exception {
        assertThat(snapshot(ValidationPolicy.webPki())).isEqualTo(golden("webPki"));
        assertThat(snapshot(ValidationPolicy.webPkiClient())).isEqualTo(golden("webPkiClient"));
        assertThat(snapshot(ValidationPolicy.rfc5280())).isEqualTo(golden("rfc5280"));
    }

    @Test
    void webPkiRefusesWeakAlgorithmsByName() {
        ValidationPolicy p = ValidationPolicy.webPki();
        for (CertificateSignatureAlgorithm weak : List.of(CertificateSignatureAlgorithm.RSA_PKCS1_MD5,
                CertificateSignatureAlgorithm.RSA_PKCS1_SHA1, CertificateSignatureAlgorithm.ECDSA_SHA1,
                CertificateSignatureAlgorithm.RSA_PSS_SHA1, CertificateSignatureAlgorithm.DSA_SHA1,
                CertificateSignatureAlgorithm.DSA_SHA256)) {
            assertThat(p.allows(weak)).as(weak.name()).isFalse();
        }
    }

    @Test
    void builderRoundTripsAndChecksItsBounds() {
        Clock clock = Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC);
        ValidationPolicy p = ValidationPolicy.webPki().toBuilder().clock(clock).maxIntermediates(2).curves(Set.of())
                .signatureAlgorithms(Set.of()).build();
        assertThat(p.clock()).isSameAs(clock);
        assertThat(p.curves()).isEmpty();
        assertThat(p.toBuilder().build()).isEqualTo(p);
        assertThatThrownBy(() -> ValidationPolicy.builder().maxWork(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ValidationPolicy.builder().minRsaBits(256).build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
