package dev.jtls.pki;

import static dev.jtls.pki.ChainFixtures.INTERMEDIATE;
import static dev.jtls.pki.ChainFixtures.LEAF;
import static dev.jtls.pki.ChainFixtures.ROOT;
import static dev.jtls.pki.ChainFixtures.accept;
import static dev.jtls.pki.ChainFixtures.assertRejection;
import static dev.jtls.pki.ChainFixtures.reject;
import static dev.jtls.testing.CertBuilder.chain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jtls.crypto.EcdsaSignatureDer;
import dev.jtls.crypto.NistCurve;
import dev.jtls.testing.CertBuilder;
import dev.jtls.testing.CertBuilder.Issued;
import dev.jtls.testing.CertBuilder.Kind;
import dev.jtls.testing.RawEncodingCertificate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Changes to the unsigned part of a certificate (RFC 5280 §4.1: signatureAlgorithm and
 * signatureValue are outside tbsCertificate) that leave the signature arithmetic intact must still be
 * refused. Each case builds the changed certificate explicitly; the JDK's CertificateFactory parses
 * every one of them, so the validator is the only line of defence. Found by random bit flips
 * ({@link ChainValidatorRobustnessTest}): a signature BIT STRING whose unused-bits octet was 1, 2 or 4
 * still verified when the signature's last octet had that many low zero bits.
 */
class SignatureValueStrictnessTest {

    // --- the signatureValue BIT STRING's unused-bits octet (the mutation the random flips found) ---

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void aLeafSignatureWithUnusedBitsIsMalformed(int unused) {
        // A leaf whose signature's last octet has `unused` low zero bits, so the padding is clean DER.
        Issued leaf = withCleanPadding(() -> CertBuilder.leaf("www.example.com", INTERMEDIATE).build(), unused);
        assertThat(accept(chain(leaf, INTERMEDIATE), ROOT).certificates()).hasSize(3);
        X509Certificate changed = parse(withUnusedBits(encoded(leaf.certificate()), unused));
        CertificateRejection e = reject(List.of(changed, INTERMEDIATE.certificate()), ROOT);
        assertRejection(e, ChainProblem.MALFORMED, 0);
        assertThat(e.getMessage()).contains("declares " + unused + " unused bits");
    }

    @Test
    void anIntermediateSignatureWithUnusedBitsIsMalformed() {
        // The same key as INTERMEDIATE, so LEAF still verifies under the changed certificate.
        Issued ca = withCleanPadding(() -> CertBuilder.intermediate("Example Intermediate", ROOT,
                INTERMEDIATE.keys()).build(), 1);
        assertThat(accept(chain(LEAF, ca), ROOT).certificates()).hasSize(3);
        X509Certificate changed = parse(withUnusedBits(encoded(ca.certificate()), 1));
        CertificateRejection e = reject(List.of(LEAF.certificate(), changed), ROOT);
        assertRejection(e, ChainProblem.MALFORMED, 1);
        assertThat(e.getMessage()).contains("unused bits");
    }

    // --- the other unsigned fields: each must fail, with the problem the code gives it ---

    @Test
    void anOuterSignatureAlgorithmThatDiffersFromTheInnerOneIsAProfileError() throws Exception {
        // tbsCertificate.signature says ecdsa-with-SHA384; the issuer signs it with ecdsa-with-SHA256 and
        // says so outside. The signature verifies by the outer identifier; RFC 5280 §4.1.1.2 still
        // requires the two to be the same.
        Issued sha384 = CertBuilder.leaf("www.example.com", INTERMEDIATE).signatureAlgorithm("SHA384withECDSA").build();
        assertThat(accept(chain(sha384, INTERMEDIATE), ROOT).certificates()).hasSize(3);
        Certificate c = Certificate.getInstance(encoded(sha384.certificate()));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(INTERMEDIATE.privateKey());
        signer.update(c.getTBSCertificate().getEncoded("DER"));
        byte[] der = certificate(c, new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256), signer.sign());
        // The JDK's CertificateFactory refuses this ("Signature algorithm mismatch"); another provider's
        // X509Certificate, which an application can hand to the trust manager, need not.
        X509Certificate raw = new RawEncodingCertificate(sha384.certificate(), der);
        CertificateRejection e = reject(List.of(raw, INTERMEDIATE.certificate()), ROOT);
        assertRejection(e, ChainProblem.PROFILE, 0);
        assertThat(e.getMessage()).contains("RFC 5280 §4.1.1.2");
    }

    @Test
    void anEcdsaSignatureWithARedundantLeadingZeroDoesNotVerify() {
        Certificate c = Certificate.getInstance(encoded(LEAF.certificate()));
        EcdsaSignatureDer.Rs rs = EcdsaSignatureDer.decode(c.getSignature().getOctets(), NistCurve.SECP256R1.n());
        assertThat(rs).isNotNull();
        // The same (r, s), with r padded by one 0x00 octet that X.690 §8.3.2 forbids.
        byte[] r = concat(new byte[] {0}, rs.r().toByteArray());
        byte[] s = rs.s().toByteArray();
        byte[] body = concat(new byte[] {0x02, (byte) r.length}, r, new byte[] {0x02, (byte) s.length}, s);
        byte[] padded = concat(new byte[] {0x30, (byte) body.length}, body);
        assertBadSignature(certificate(c, c.getSignatureAlgorithm(), padded));
    }

    @Test
    void anEcdsaSignatureWithBytesAfterItsSequenceDoesNotVerify() {
        Certificate c = Certificate.getInstance(encoded(LEAF.certificate()));
        byte[] sig = c.getSignature().getOctets();
        assertBadSignature(certificate(c, c.getSignatureAlgorithm(), concat(sig, new byte[] {0})));
    }

    @Test
    void anRsaSignatureLongerThanTheModulusDoesNotVerify() {
        Issued rsaRoot = CertBuilder.root("RSA Root", Kind.RSA_2048).build();
        Issued leaf = CertBuilder.leaf("rsa.example", rsaRoot).build();
        assertThat(accept(chain(leaf), rsaRoot).certificates()).hasSize(2);
        Certificate c = Certificate.getInstance(encoded(leaf.certificate()));
        byte[] sig = c.getSignature().getOctets();
        assertThat(sig).hasSize(256);
        // The same integer in k + 1 octets: RFC 8017 §8.2.2 step 1 wants exactly k.
        byte[] longer = concat(new byte[] {0}, sig);
        CertificateRejection e = reject(List.of(parse(certificate(c, c.getSignatureAlgorithm(), longer))), rsaRoot);
        assertRejection(e, ChainProblem.BAD_SIGNATURE, 0);
    }

    private static void assertBadSignature(byte[] leafDer) {
        CertificateRejection e = reject(List.of(parse(leafDer), INTERMEDIATE.certificate()), ROOT);
        assertRejection(e, ChainProblem.BAD_SIGNATURE, 0);
    }

    // --- helpers ---

    /** Builds until the signature's last octet has {@code bits} low zero bits (each try: 2^-bits). */
    static Issued withCleanPadding(Supplier<Issued> build, int bits) {
        for (int i = 0; i < 400; i++) {
            Issued issued = build.get();
            byte[] der = encoded(issued.certificate());
            if ((der[der.length - 1] & ((1 << bits) - 1)) == 0) {
                return issued;
            }
        }
        throw new AssertionError("no signature ending in " + bits + " zero bits in 400 tries");
    }

    /** {@code der} with the signatureValue BIT STRING's unused-bits octet set to {@code unused}. */
    static byte[] withUnusedBits(byte[] der, int unused) {
        Der outer = Der.single(der).reader();
        outer.read(Der.SEQUENCE);
        outer.read(Der.SEQUENCE);
        Der.Element bits = outer.read(Der.BIT_STRING);
        byte[] out = der.clone();
        assertThat(out[bits.offset()]).isZero();
        out[bits.offset()] = (byte) unused;
        return out;
    }

    private static byte[] certificate(Certificate c, AlgorithmIdentifier outer, byte[] signature) {
        try {
            return new DERSequence(new ASN1Encodable[] {c.getTBSCertificate(), outer, new DERBitString(signature)})
                    .getEncoded("DER");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses with the JDK, which must accept the change (else the case would not reach the validator). */
    static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (java.security.cert.CertificateException e) {
            throw new AssertionError("the JDK no longer parses this certificate", e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void theHelperChangesOnlyTheUnusedBitsOctet() {
        byte[] der = encoded(LEAF.certificate());
        byte[] changed = withUnusedBits(der, 3);
        int differing = 0;
        for (int i = 0; i < der.length; i++) {
            differing += der[i] != changed[i] ? 1 : 0;
        }
        assertThat(differing).isEqualTo(1);
        assertThat(changed).hasSameSizeAs(der);
    }
}
