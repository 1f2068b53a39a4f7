package dev.jtls.pki;

import static dev.jtls.pki.ChainFixtures.INTERMEDIATE;
import static dev.jtls.pki.ChainFixtures.LEAF;
import static dev.jtls.pki.ChainFixtures.ROOT;
import static dev.jtls.pki.ChainFixtures.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Corrupted certificates that the JDK still parses: the validator answers with a
 * {@link CertificateRejection} (an alert) or accepts, never with another exception or a hang.
 */
class ChainValidatorRobustnessTest {
    private static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            return null;
        }
    }

    @Test
    void flippedBytesInLeafOrIntermediateGiveOnlyRejections() throws Exception {
        ChainValidator v = new ChainValidator(ChainFixtures.anchors(ROOT));
        Random random = new Random(5280);
        int parsed = 0;
        int rejected = 0;
        for (int round = 0; round < 600; round++) {
            boolean leaf = round % 2 == 0;
            byte[] der = (leaf ? LEAF : INTERMEDIATE).certificate().getEncoded();
            int flips = 1 + random.nextInt(3);
            for (int i = 0; i < flips; i++) {
                der[random.nextInt(der.length)] ^= (byte) (1 << random.nextInt(8));
            }
            X509Certificate broken = parse(der);
            if (broken == null) {
                continue;
            }
            parsed++;
            List<X509Certificate> chain = leaf ? List.of(broken, INTERMEDIATE.certificate())
                    : List.of(LEAF.certificate(), broken);
            try {
                v.validate(chain, WEB, KeyUse.DIGITAL_SIGNATURE);
            } catch (CertificateRejection e) {
                rejected++;
                assertThat(e.getMessage()).isNotBlank();
            }
        }
        assertThat(parsed).as("mutations the JDK still parsed").isGreaterThan(50);
        // A flipped bit in the signed part or the signature must not verify.
        assertThat(rejected).isEqualTo(parsed);
    }
}
