package dev.jtls.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.crypto.SignatureScheme;
import dev.jtls.suite.CipherSuite;
import dev.jtls.testing.TestCerts;
import dev.jtls.testing.TestCerts.Issued;
import dev.jtls.testing.TestCerts.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertifiedKeyTest {
    private static final Issued CA = TestCerts.ca("CA", Kind.RSA_2048);

    @Test
    void knowsItsKeyTypeSchemesAndAuthentication() {
        for (Kind kind : Kind.values()) {
            Issued leaf = TestCerts.leaf(CA, "leaf", kind, List.of("leaf.test"));
            CertifiedKey key = new CertifiedKey(List.of(leaf.certificate(), CA.certificate()), leaf.privateKey());
            assertThat(key.encodedChain()).hasSize(2);
            assertThat(key.leaf()).isEqualTo(leaf.certificate());
            assertThat(key.keyType().signatureSchemes()).isNotEmpty();
            assertThat(key.toString()).contains("CN=leaf").doesNotContain("Private");
            if (kind == Kind.RSA_2048) {
                assertThat(key.keyType().authentication()).isEqualTo(CipherSuite.Authentication.RSA);
                assertThat(key.keyType().signatureSchemes()).contains(SignatureScheme.RSA_PKCS1_SHA256);
            } else {
                assertThat(key.keyType().authentication()).isEqualTo(CipherSuite.Authentication.ECDSA);
            }
        }
    }

    @Test
    void refusesAKeyThatIsNotTheLeafsKind() {
        Issued rsaLeaf = TestCerts.leaf(CA, "leaf", Kind.RSA_2048, List.of());
        Issued ecLeaf = TestCerts.leaf(CA, "leaf", Kind.EC_P256, List.of());
        assertThatThrownBy(() -> new CertifiedKey(List.of(rsaLeaf.certificate()), ecLeaf.privateKey()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not of the private key's type");
        assertThatThrownBy(() -> new CertifiedKey(List.of(), ecLeaf.privateKey()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
