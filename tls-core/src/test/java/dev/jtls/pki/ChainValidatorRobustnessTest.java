package dev.jtls.pki;

import static dev.jtls.pki.ChainFixtures.INTERMEDIATE;
import static dev.jtls.pki.ChainFixtures.LEAF;
import static dev.jtls.pki.ChainFixtures.ROOT;
import static dev.jtls.pki.ChainFixtures.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.testing.CertBuilder;
import dev.jtls.testing.CertBuilder.Issued;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Corrupted certificates that the JDK still parses: the validator answers with a
 * {@link CertificateRejection} (an alert), never with acceptance, another exception or a hang.
 */
class ChainValidatorRobustnessTest {
    private static final ChainValidator VALIDATOR = new ChainValidator(ChainFixtures.anchors(ROOT));

    private static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Validates {@code changed} in place of the leaf or the intermediate.
     *
     * @return null when the JDK does not parse it, true when refused, false when accepted
     */
    private static Boolean refused(byte[] changed, boolean leaf, Issued unchanged, List<String> accepted,
                                   String what) {
        X509Certificate broken = parse(changed);
        if (broken == null) {
            return null;
        }
        List<X509Certificate> chain = leaf ? List.of(broken, unchanged.certificate())
                : List.of(unchanged.certificate(), broken);
        try {
            VALIDATOR.validate(chain, WEB, KeyUse.DIGITAL_SIGNATURE);
            accepted.add((leaf ? "leaf " : "intermediate ") + what);
            return false;
        } catch (CertificateRejection e) {
            assertThat(e.getMessage()).isNotBlank();
            return true;
        }
    }

    @Test
    void flippedBitsInLeafOrIntermediateGiveOnlyRejections() throws Exception {
        Random random = new Random(5280);
        int parsed = 0;
        List<String> accepted = new ArrayList<>();
        for (int round = 0; round < 1500; round++) {
            boolean leaf = round % 2 == 0;
            byte[] der = (leaf ? LEAF : INTERMEDIATE).certificate().getEncoded();
            int flips = 1 + random.nextInt(3);
            StringBuilder what = new StringBuilder();
            Set<Integer> flipped = new HashSet<>();
            while (flipped.size() < flips) {
                // Distinct bits: the same bit flipped twice would give back the valid certificate.
                int at = random.nextInt(der.length);
                int bit = random.nextInt(8);
                if (flipped.add(at * 8 + bit)) {
                    der[at] ^= (byte) (1 << bit);
                    what.append(" octet ").append(at).append(" bit ").append(bit);
                }
            }
            if (refused(der, leaf, leaf ? INTERMEDIATE : LEAF, accepted, what.toString()) != null) {
                parsed++;
            }
        }
        assertThat(parsed).as("mutations the JDK still parsed").isGreaterThan(150);
        // A flipped bit in the signed part or the signature must not verify.
        assertThat(accepted).as("accepted mutations").isEmpty();
    }

    /**
     * Every single-bit flip in the DER framing outside tbsCertificate, where no signature check can
     * notice it (RFC 5280 §4.1): the Certificate header, signatureAlgorithm, the signatureValue BIT
     * STRING's header and unused-bits octet, and the headers of the ECDSA-Sig-Value SEQUENCE and its
     * two INTEGERs. (Flips in r and s themselves are the random test's.) The certificates' signatures
     * end in four zero bits, so flipping the unused-bits octet to 1, 2 or 4 leaves clean DER padding
     * and the signature octets unchanged: the validator must refuse the encoding itself (RFC 5280
     * §4.1.1.3), as it did not before.
     */
    @Test
    void everyBitFlipInTheUnsignedFramingIsRefused() {
        Issued ca = SignatureValueStrictnessTest.withCleanPadding(() -> CertBuilder.intermediate(
                "Example Intermediate", ROOT, INTERMEDIATE.keys()).build(), 4);
        Issued leaf = SignatureValueStrictnessTest.withCleanPadding(() -> CertBuilder.leaf("www.example.com",
                INTERMEDIATE).build(), 4);
        List<String> accepted = new ArrayList<>();
        int parsed = 0;
        for (boolean isLeaf : new boolean[] {true, false}) {
            byte[] der = SignatureValueStrictnessTest.encoded((isLeaf ? leaf : ca).certificate());
            for (int at : unsignedFraming(der)) {
                for (int bit = 0; bit < 8; bit++) {
                    byte[] changed = der.clone();
                    changed[at] ^= (byte) (1 << bit);
                    if (refused(changed, isLeaf, isLeaf ? INTERMEDIATE : LEAF, accepted,
                            "octet " + at + " bit " + bit) != null) {
                        parsed++;
                    }
                }
            }
        }
        // At least the three unused-bits flips of each certificate reach the validator.
        assertThat(parsed).as("flips the JDK still parsed").isGreaterThanOrEqualTo(6);
        assertThat(accepted).as("accepted flips").isEmpty();
    }

    /** The offsets of the DER headers and the signatureAlgorithm outside tbsCertificate. */
    private static List<Integer> unsignedFraming(byte[] der) {
        List<Integer> out = new ArrayList<>();
        Der.Element whole = Der.single(der);
        Der outer = whole.reader();
        Der.Element tbs = outer.read(Der.SEQUENCE);
        Der.Element algorithm = outer.read(Der.SEQUENCE);
        Der.Element bits = outer.read(Der.BIT_STRING);
        range(out, whole.headerOffset(), whole.offset());
        range(out, algorithm.headerOffset(), algorithm.offset() + algorithm.length());
        range(out, bits.headerOffset(), bits.offset() + 1); // header and the unused-bits octet
        // The signature octets: Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } (RFC 3279 §2.2.3).
        Der.Element octets = new Der.Element(Der.OCTET_STRING, der, bits.offset() + 1, bits.length() - 1,
                bits.offset());
        Der.Element sig = octets.reader().read(Der.SEQUENCE);
        range(out, sig.headerOffset(), sig.offset());
        Der rs = sig.reader();
        for (int i = 0; i < 2; i++) {
            Der.Element n = rs.read(Der.INTEGER);
            range(out, n.headerOffset(), n.offset());
        }
        return out;
    }

    private static void range(List<Integer> out, int from, int to) {
        for (int i = from; i < to; i++) {
            out.add(i);
        }
    }
}
