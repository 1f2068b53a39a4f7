package dev.jtls.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.record.AlertDescription;
import dev.jtls.testing.TestCerts;
import dev.jtls.testing.TestCerts.Issued;
import dev.jtls.testing.TestCerts.Kind;
import dev.jtls.testing.TestOcsp;
import dev.jtls.testing.TestOcsp.Spec;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.junit.jupiter.api.Test;

/** RFC 6960 checks of stapled responses made with bcpkix. */
class OcspResponseVerifierTest {
    private static final CryptoProvider CRYPTO = CryptoProviders.defaults();
    private static final Issued CA = TestCerts.ca("OCSP Test CA", Kind.EC_P256);
    private static final Issued OTHER_CA = TestCerts.ca("Other CA", Kind.EC_P256);
    private static final Issued LEAF = TestCerts.leaf(CA, "www.example.com", Kind.EC_P256, List.of("www.example.com"));
    private static final Issued OTHER_LEAF = TestCerts.leaf(CA, "other.example.com", Kind.EC_P256,
            List.of("other.example.com"));
    // Whole seconds: GeneralizedTime in responses has no fraction when BC writes it.
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final byte[] GOOD = TestOcsp.response(Spec.of(LEAF, CA, NOW));

    private static OcspStatus verify(byte[] response) {
        return OcspResponseVerifier.defaults().verify(response, LEAF.certificate(), CA.certificate(), NOW, CRYPTO);
    }

    private static void refused(byte[] response, String why) {
        assertThatThrownBy(() -> verify(response))
                .isInstanceOfSatisfying(CertificateRejection.class, e -> {
                    assertThat(e.problem()).isEqualTo(ChainProblem.BAD_STATUS_RESPONSE);
                    assertThat(e.description()).isEqualTo(AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE);
                })
                .hasMessageContaining("CN=www.example.com")
                .hasMessageContaining(why);
    }

    private static void check(byte[] response, RevocationPolicy policy) {
        OcspResponseVerifier.check(response, LEAF.certificate(), CA.certificate(), NOW, policy, CRYPTO);
    }

    @Test
    void aGoodResponseSignedByTheIssuerIsGood() {
        assertThat(verify(GOOD)).isEqualTo(new OcspStatus.Good());
        assertThatCode(() -> check(GOOD, RevocationPolicy.SOFT_FAIL)).doesNotThrowAnyException();
        assertThatCode(() -> check(GOOD, RevocationPolicy.HARD_FAIL)).doesNotThrowAnyException();
    }

    @Test
    void sha256CertIdsAndResponderByNameAreAccepted() {
        assertThat(verify(TestOcsp.response(Spec.of(LEAF, CA, NOW).idHash(TestOcsp.IdHash.SHA256))))
                .isEqualTo(new OcspStatus.Good());
        assertThat(verify(TestOcsp.response(Spec.of(LEAF, CA, NOW).withResponderByName()))).isEqualTo(new OcspStatus.Good());
    }

    @Test
    void rsaPkcs1PssAndEd25519IssuersAreVerified() {
        for (Kind kind : List.of(Kind.RSA_2048, Kind.ED25519)) {
            Issued ca = TestCerts.ca("CA " + kind, kind);
            Issued leaf = TestCerts.leaf(ca, "a.example", Kind.EC_P256, List.of("a.example"));
            byte[] r = TestOcsp.response(Spec.of(leaf, ca, NOW));
            assertThat(OcspResponseVerifier.defaults().verify(r, leaf.certificate(), ca.certificate(), NOW, CRYPTO))
                    .isEqualTo(new OcspStatus.Good());
            if (kind == Kind.RSA_2048) {
                byte[] pss = TestOcsp.response(Spec.of(leaf, ca, NOW).signatureAlgorithm("SHA384withRSAandMGF1"));
                assertThat(OcspResponseVerifier.defaults().verify(pss, leaf.certificate(), ca.certificate(), NOW,
                        CRYPTO)).isEqualTo(new OcspStatus.Good());
                byte[] sha1 = TestOcsp.response(Spec.of(leaf, ca, NOW).signatureAlgorithm("SHA1withRSA"));
                assertThatThrownBy(() -> OcspResponseVerifier.defaults().verify(sha1, leaf.certificate(),
                        ca.certificate(), NOW, CRYPTO)).isInstanceOf(CertificateRejection.class)
                        .hasMessageContaining("SHA-1");
            }
        }
    }

    @Test
    void aRevokedResponseFailsWithCertificateRevoked() {
        Instant when = NOW.minus(Duration.ofDays(2));
        byte[] revoked = TestOcsp.response(Spec.of(LEAF, CA, NOW)
                .status(new RevokedStatus(Date.from(when), CRLReason.keyCompromise)));
        assertThat(verify(revoked)).isEqualTo(new OcspStatus.Revoked(when, OcspStatus.Reason.KEY_COMPROMISE));
        for (RevocationPolicy policy : RevocationPolicy.values()) {
            assertThatThrownBy(() -> check(revoked, policy))
                    .isInstanceOfSatisfying(CertificateRejection.class, e -> {
                        assertThat(e.problem()).isEqualTo(ChainProblem.REVOKED);
                        assertThat(e.description()).isEqualTo(AlertDescription.CERTIFICATE_REVOKED);
                    })
                    .hasMessageContaining("revoked at " + when)
                    .hasMessageContaining("KEY_COMPROMISE");
        }
    }

    @Test
    void unknownAndMissingAreFineSoftAndFatalHard() {
        byte[] unknown = TestOcsp.response(Spec.of(LEAF, CA, NOW).status(new UnknownStatus()));
        assertThat(verify(unknown)).isEqualTo(new OcspStatus.Unknown());
        assertThatCode(() -> check(unknown, RevocationPolicy.SOFT_FAIL)).doesNotThrowAnyException();
        assertThatCode(() -> check(null, RevocationPolicy.SOFT_FAIL)).doesNotThrowAnyException();
        for (byte[] r : new byte[][] {unknown, null}) {
            assertThatThrownBy(() -> check(r, RevocationPolicy.HARD_FAIL))
                    .isInstanceOfSatisfying(CertificateRejection.class,
                            e -> assertThat(e.problem()).isEqualTo(ChainProblem.STATUS_UNKNOWN))
                    .hasMessageContaining("HARD_FAIL");
        }
    }

    @Test
    void anInvalidResponseFailsUnderEitherPolicy() {
        byte[] stale = TestOcsp.response(Spec.of(LEAF, CA, NOW)
                .times(NOW.minus(Duration.ofDays(5)), NOW.minus(Duration.ofDays(5)), NOW.minus(Duration.ofDays(1))));
        for (RevocationPolicy policy : RevocationPolicy.values()) {
            assertThatThrownBy(() -> check(stale, policy))
                    .isInstanceOfSatisfying(CertificateRejection.class,
                            e -> assertThat(e.problem()).isEqualTo(ChainProblem.BAD_STATUS_RESPONSE));
        }
    }

    @Test
    void freshnessWithAndWithoutNextUpdate() {
        refused(TestOcsp.response(Spec.of(LEAF, CA, NOW)
                .times(NOW.minus(Duration.ofDays(5)), NOW.minus(Duration.ofDays(5)), NOW.minus(Duration.ofMinutes(6)))),
                "stale: nextUpdate");
        // Within the 5-minute skew.
        assertThat(verify(TestOcsp.response(Spec.of(LEAF, CA, NOW)
                .times(NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofMinutes(4))))))
                .isEqualTo(new OcspStatus.Good());
        refused(TestOcsp.response(Spec.of(LEAF, CA, NOW)
                .times(NOW.minus(Duration.ofDays(8)), NOW.minus(Duration.ofDays(8)), null)), "older than 7 days");
        assertThat(verify(TestOcsp.response(Spec.of(LEAF, CA, NOW)
                .times(NOW.minus(Duration.ofDays(6)), NOW.minus(Duration.ofDays(6)), null))))
                .isEqualTo(new OcspStatus.Good());
        // A configured maximum age.
        byte[] twoDays = TestOcsp.response(Spec.of(LEAF, CA, NOW)
                .times(NOW.minus(Duration.ofDays(2)), NOW.minus(Duration.ofDays(2)), null));
        assertThatThrownBy(() -> new OcspResponseVerifier(Duration.ofMinutes(5), Duration.ofDays(1))
                .verify(twoDays, LEAF.certificate(), CA.certificate(), NOW, CRYPTO)).hasMessageContaining("stale");
    }

    @Test
    void aResponseFromTheFutureIsRefused() {
        refused(TestOcsp.response(Spec.of(LEAF, CA, NOW)
                .times(NOW, NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(2)))), "thisUpdate");
        refused(TestOcsp.response(Spec.of(LEAF, CA, NOW)
                .times(NOW.plus(Duration.ofHours(1)), NOW, NOW.plus(Duration.ofDays(2)))), "produced in the future");
        assertThat(verify(TestOcsp.response(Spec.of(LEAF, CA, NOW)
                .times(NOW, NOW.plus(Duration.ofMinutes(2)), NOW.plus(Duration.ofDays(2))))))
                .isEqualTo(new OcspStatus.Good());
    }

    @Test
    void aResponseForAnotherCertificateIsRefused() {
        refused(TestOcsp.response(Spec.of(OTHER_LEAF, CA, NOW)), "another certificate");
        refused(TestOcsp.response(Spec.of(LEAF, CA, NOW).serial(LEAF.certificate().getSerialNumber().add(BigInteger.ONE))),
                "no CertID names serial");
        // Same serial, another issuer (name and key hashes differ).
        Issued otherLeafSameSerial = TestCerts.leaf(OTHER_CA, "www.example.com", Kind.EC_P256, List.of("x.example"));
        byte[] forOtherIssuer = TestOcsp.response(Spec.of(otherLeafSameSerial, OTHER_CA, NOW)
                .serial(LEAF.certificate().getSerialNumber()).signer(CA, List.of()));
        refused(forOtherIssuer, "another certificate");
    }

    @Test
    void aResponseByAnotherSignerIsRefused() {
        // Signed and named by a CA that did not issue the leaf, not included.
        refused(TestOcsp.response(Spec.of(LEAF, CA, NOW).signer(OTHER_CA, List.of())), "wrong signer");
        // Naming the issuer but signed with another key: the signature is wrong.
        Issued impostor = TestCerts.ca("OCSP Test CA", Kind.EC_P256);
        refused(TestOcsp.response(Spec.of(LEAF, CA, NOW).signer(impostor, List.of()).withResponderByName()), "signature");
        // Included, but issued by another CA.
        Issued foreign = TestOcsp.responder(OTHER_CA, "Foreign Responder", true, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(10)));
        refused(TestOcsp.response(includedSigner(foreign)),
                "is not issued by");
    }

    @Test
    void aDelegatedResponderNeedsOcspSigningAndValidity() {
        Issued delegated = TestOcsp.responder(CA, "Delegated Responder", true, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(10)));
        assertThat(verify(TestOcsp.response(includedSigner(delegated))))
                .isEqualTo(new OcspStatus.Good());
        assertThat(verify(TestOcsp.response(includedSigner(delegated)
                .withResponderByName()))).isEqualTo(new OcspStatus.Good());
        // Not included: nothing vouches for its key.
        refused(TestOcsp.response(Spec.of(LEAF, CA, NOW).signer(delegated, List.of())), "wrong signer");
        Issued noEku = TestOcsp.responder(CA, "Plain Server", false, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(10)));
        refused(TestOcsp.response(includedSigner(noEku)),
                "id-kp-OCSPSigning");
        Issued expired = TestOcsp.responder(CA, "Old Responder", true, NOW.minus(Duration.ofDays(10)),
                NOW.minus(Duration.ofDays(1)));
        refused(TestOcsp.response(includedSigner(expired)),
                "is not valid at");
        // A responder certificate whose issuer name is right but whose signature is another key's.
        Issued impostorCa = TestCerts.ca("OCSP Test CA", Kind.EC_P256);
        Issued forged = TestOcsp.responder(impostorCa, "Forged Responder", true, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(10)));
        refused(TestOcsp.response(includedSigner(forged)),
                "not signed by its issuer");
    }

    /** A response for LEAF signed by {@code responder}, whose certificate is included (RFC 6960 §4.2.1 certs). */
    private static Spec includedSigner(Issued responder) {
        return Spec.of(LEAF, CA, NOW).signer(responder, List.of(responder.certificate()));
    }

    /**
     * RFC 6960 §4.2.1 BasicOCSPResponse.signature is a BIT STRING holding the signature octets, so it
     * has no unused bits. An unused-bits octet of 1 leaves the signature octets unchanged when their
     * last bit is 0: a change to the response that must still be refused.
     */
    @Test
    void aResponseSignatureWithUnusedBitsIsRefused() {
        byte[] response = null;
        for (int i = 0; i < 200 && response == null; i++) {
            byte[] r = TestOcsp.response(Spec.of(LEAF, CA, NOW));
            if ((r[signatureBits(r).offset() + signatureBits(r).length() - 1] & 1) == 0) {
                response = r;
            }
        }
        assertThat(response).as("a response whose signature ends in a zero bit").isNotNull();
        assertThat(verify(response)).isEqualTo(new OcspStatus.Good());
        byte[] changed = response.clone();
        changed[signatureBits(response).offset()] = 1;
        refused(changed, "unused bits");
    }

    @Test
    void aDelegatedResponderCertificateWhoseSignatureHasUnusedBitsIsRefused() {
        Issued delegated = null;
        for (int i = 0; i < 200 && delegated == null; i++) {
            Issued d = TestOcsp.responder(CA, "Delegated Responder", true, NOW.minus(Duration.ofDays(1)),
                    NOW.plus(Duration.ofDays(10)));
            byte[] der = SignatureValueStrictnessTest.encoded(d.certificate());
            if ((der[der.length - 1] & 1) == 0) {
                delegated = d;
            }
        }
        assertThat(delegated).as("a responder certificate whose signature ends in a zero bit").isNotNull();
        byte[] response = TestOcsp.response(includedSigner(delegated));
        assertThat(verify(response)).isEqualTo(new OcspStatus.Good());
        // certs is outside tbsResponseData, so the response's own signature still verifies.
        byte[] cert = SignatureValueStrictnessTest.encoded(delegated.certificate());
        int at = indexOf(response, cert);
        assertThat(at).isNotNegative();
        byte[] changed = response.clone();
        System.arraycopy(SignatureValueStrictnessTest.withUnusedBits(cert, 1), 0, changed, at, cert.length);
        refused(changed, "unused bits");
    }

    @Test
    void responseBytesMustBeASequence() {
        // OCSPResponse { responseStatus, responseBytes [0] EXPLICIT ResponseBytes ::= SEQUENCE {...} }
        // (RFC 6960 §4.2.1): outside the signed data, so only the DER reading can notice a changed tag.
        Der outer = Der.single(GOOD).reader();
        outer.read(Der.ENUMERATED);
        Der.Element explicit = outer.read(0xa0);
        byte[] changed = GOOD.clone();
        assertThat(changed[explicit.offset()]).isEqualTo((byte) Der.SEQUENCE);
        changed[explicit.offset()] = (byte) Der.SET;
        refused(changed, "expected tag 0x30");
    }

    /** The BasicOCSPResponse signature BIT STRING of an OCSPResponse (offsets into {@code response}). */
    private static Der.Element signatureBits(byte[] response) {
        Der outer = Der.single(response).reader();
        outer.read(Der.ENUMERATED);
        Der bytes = outer.read(0xa0).reader().readSequence();
        bytes.readOid();
        Der basic = bytes.read(Der.OCTET_STRING).reader().read(Der.SEQUENCE).reader();
        basic.read(Der.SEQUENCE);
        basic.read(Der.SEQUENCE);
        return basic.read(Der.BIT_STRING);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void unsuccessfulAndMalformedResponsesAreRefused() {
        refused(TestOcsp.unsuccessful(3), "tryLater");
        refused(TestOcsp.unsuccessful(6), "unauthorized");
        refused(new byte[] {0x30, 0x03, 0x0a, 0x01, 0x00}, "malformed");
        byte[] padded = java.util.Arrays.copyOf(GOOD, GOOD.length + 1);
        refused(padded, "malformed");
        // The signature covers the data: a flipped byte in the middle is caught.
        byte[] tampered = GOOD.clone();
        tampered[GOOD.length / 3] ^= 0x01;
        assertThatThrownBy(() -> verify(tampered)).isInstanceOf(CertificateRejection.class);
    }

    @Property(tries = 300)
    void arbitraryBytesGiveOnlyABadStatusResponse(@ForAll @Size(max = 300) byte[] bytes) {
        assertThatThrownBy(() -> verify(bytes))
                .isInstanceOfSatisfying(CertificateRejection.class,
                        e -> assertThat(e.problem()).isEqualTo(ChainProblem.BAD_STATUS_RESPONSE));
    }

    @Property(tries = 300)
    void anyChangedByteOfAGoodResponseIsRefused(@ForAll("indexes") int index,
                                                @ForAll @IntRange(min = 1, max = 255) int xor) {
        byte[] changed = GOOD.clone();
        changed[index] ^= (byte) xor;
        // Inside tbsResponseData the signature fails; outside it (the OCSPResponse and ResponseBytes
        // wrappers, signatureAlgorithm, the signature BIT STRING's header and unused-bits octet) the
        // strict DER reading does. (Every single-octet change of several responses was tried once.)
        assertThatThrownBy(() -> verify(changed))
                .isInstanceOfSatisfying(CertificateRejection.class,
                        e -> assertThat(e.problem()).isEqualTo(ChainProblem.BAD_STATUS_RESPONSE));
    }

    @Provide
    Arbitrary<Integer> indexes() {
        return Arbitraries.integers().between(0, GOOD.length - 1);
    }
}
