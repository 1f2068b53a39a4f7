package dev.jtls.pki;

import static dev.jtls.pki.ChainFixtures.INTERMEDIATE;
import static dev.jtls.pki.ChainFixtures.LEAF;
import static dev.jtls.pki.ChainFixtures.ROOT;
import static dev.jtls.pki.ChainFixtures.WEB;
import static dev.jtls.testing.CertBuilder.chain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.testing.CertBuilder;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading trust anchors from KeyStores, PEM bundles and the JDK's cacerts; indexes by subject and SKI. */
class TrustAnchorsTest {
    @TempDir
    Path dir;

    private static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(c.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void pemBundle() throws Exception {
        Path file = dir.resolve("bundle.pem");
        Files.writeString(file, "# a comment line\n" + pem(ROOT.certificate()) + pem(INTERMEDIATE.certificate()));
        TrustAnchors anchors = TrustAnchors.fromPem(file);
        assertThat(anchors.certificates()).containsExactly(ROOT.certificate(), INTERMEDIATE.certificate());
        assertThat(new ChainValidator(anchors).validate(chain(LEAF), WEB, KeyUse.DIGITAL_SIGNATURE).anchor())
                .isEqualTo(INTERMEDIATE.certificate());
    }

    @Test
    void pkcs12AndJksKeyStores() throws Exception {
        for (String type : List.of("PKCS12", "JKS")) {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(null, null);
            ks.setCertificateEntry("root", ROOT.certificate());
            Path file = dir.resolve("trust." + type);
            char[] password = "secret".toCharArray();
            try (OutputStream out = Files.newOutputStream(file)) {
                ks.store(out, password);
            }
            TrustAnchors anchors = TrustAnchors.fromKeyStore(file, password);
            assertThat(anchors.certificates()).as(type).containsExactly(ROOT.certificate());
            assertThat(new ChainValidator(anchors).validate(chain(LEAF, INTERMEDIATE), WEB, KeyUse.DIGITAL_SIGNATURE)
                    .certificates()).hasSize(3);
        }
    }

    @Test
    void jdkCacertsIsTheDefault() throws Exception {
        TrustAnchors anchors = TrustAnchors.jdkDefault();
        assertThat(anchors.size()).isGreaterThan(50);
        // Every anchor is indexed by its subject.
        for (X509Certificate c : anchors.certificates()) {
            assertThat(anchors.bySubject(c.getSubjectX500Principal())).contains(c);
        }
        assertThat(anchors.contains(ROOT.certificate())).isFalse();
    }

    @Test
    void indexesBySubjectAndSubjectKeyIdentifier() throws Exception {
        TrustAnchors anchors = TrustAnchors.of(List.of(ROOT.certificate(), ROOT.certificate(), INTERMEDIATE.certificate()));
        assertThat(anchors.size()).isEqualTo(2);
        assertThat(anchors.bySubject(ROOT.certificate().getSubjectX500Principal())).containsExactly(ROOT.certificate());
        assertThat(anchors.bySubjectKeyId(CertBuilder.keyId(INTERMEDIATE.keys().getPublic())))
                .containsExactly(INTERMEDIATE.certificate());
        assertThat(anchors.bySubjectKeyId(new byte[20])).isEmpty();
        assertThat(TrustAnchors.fromPem(new ByteArrayInputStream(pem(ROOT.certificate())
                .getBytes(StandardCharsets.US_ASCII))).contains(ROOT.certificate())).isTrue();
    }
}
