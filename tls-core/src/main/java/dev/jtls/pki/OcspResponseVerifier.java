package dev.jtls.pki;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.Digest;
import dev.jtls.crypto.HashAlgorithm;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a DER OCSPResponse (RFC 6960 §4.2.1), as stapled by a server in CertificateStatus (RFC
 * 6066 §8), for one certificate: that it is a successful basic response, signed by the
 * certificate's issuer or by a responder the issuer authorised (RFC 6960 §4.2.2.2: issued by the
 * issuer, extendedKeyUsage id-kp-OCSPSigning, valid now), that it carries a SingleResponse whose
 * CertID (SHA-1, SHA-256, SHA-384 or SHA-512 over the issuer's name and key, and the serial number)
 * is the certificate's, and that it is fresh: thisUpdate not after now + skew, nextUpdate when
 * present not before now - skew, and when absent thisUpdate not older than the maximum age.
 *
 * <p>Locally configured "trusted responders" (RFC 6960 §4.2.2.2 case 1) are not supported. A
 * response whose extensions include a critical one other than the nonce is refused. Any response
 * that fails a check is a {@link CertificateRejection} of kind {@link ChainProblem#BAD_STATUS_RESPONSE}
 * naming what was wrong; nothing else escapes, whatever the bytes.
 */
public final class OcspResponseVerifier {
    /** Clock difference tolerated between us and the responder. */
    public static final Duration DEFAULT_SKEW = Duration.ofMinutes(5);
    /** How old a response without nextUpdate may be (CA/B Forum BR §4.9.10 caps validity at 10 days). */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);
    /** At most this many certificates in a response's certs field, and SingleResponses in it. */
    private static final int MAX_CERTS = 8;
    private static final int MAX_RESPONSES = 64;
    private static final String BASIC = "1.3.6.1.5.5.7.48.1.1";
    private static final String NONCE = "1.3.6.1.5.5.7.48.1.2";
    private static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
    private static final String[] STATUS_NAMES = {
        "successful", "malformedRequest", "internalError", "tryLater", "4", "sigRequired", "unauthorized"};
    /**
     * The algorithms a response, and the issuer's signature on a delegated responder's certificate,
     * may use: SHA-2 with RSA (PKCS #1 v1.5 or PSS) or ECDSA, and EdDSA. SHA-1, MD5 and DSA are refused:
     * a collision-prone hash lets a forger reuse a responder's signature.
     */
    static final Set<CertificateSignatureAlgorithm> SIGNATURE_ALGORITHMS = Set.copyOf(EnumSet.of(
            CertificateSignatureAlgorithm.RSA_PKCS1_SHA256, CertificateSignatureAlgorithm.RSA_PKCS1_SHA384,
            CertificateSignatureAlgorithm.RSA_PKCS1_SHA512, CertificateSignatureAlgorithm.RSA_PSS_SHA256,
            CertificateSignatureAlgorithm.RSA_PSS_SHA384, CertificateSignatureAlgorithm.RSA_PSS_SHA512,
            CertificateSignatureAlgorithm.ECDSA_SHA256, CertificateSignatureAlgorithm.ECDSA_SHA384,
            CertificateSignatureAlgorithm.ECDSA_SHA512, CertificateSignatureAlgorithm.ED25519,
            CertificateSignatureAlgorithm.ED448));
    private static final String SIGNATURE_RULE = "SHA-1, MD5 and DSA are refused";
    private static final OcspResponseVerifier DEFAULTS = new OcspResponseVerifier(DEFAULT_SKEW, DEFAULT_MAX_AGE);

    private final Duration skew;
    private final Duration maxAge;

    public OcspResponseVerifier(Duration skew, Duration maxAge) {
        this.skew = Objects.requireNonNull(skew, "skew");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        if (skew.isNegative() || maxAge.isNegative()) {
            throw new IllegalArgumentException("skew and maxAge must not be negative");
        }
    }

    /** {@link #DEFAULT_SKEW} and {@link #DEFAULT_MAX_AGE}. */
    public static OcspResponseVerifier defaults() {
        return DEFAULTS;
    }

    /**
     * Applies {@code policy} to the stapled response for {@code leaf} with the default skew and
     * maximum age.
     *
     * @param ocspResponse the DER OCSPResponse, or null when none was stapled
     * @throws CertificateRejection REVOKED for a valid "revoked" answer; BAD_STATUS_RESPONSE for an
     *                              invalid response; STATUS_UNKNOWN under {@link RevocationPolicy#HARD_FAIL}
     *                              when there is no response or it says "unknown"
     */
    public static void check(byte[] ocspResponse, X509Certificate leaf, X509Certificate issuer, Instant now,
                             RevocationPolicy policy, CryptoProvider crypto) {
        DEFAULTS.enforce(ocspResponse, leaf, issuer, now, policy, crypto);
    }

    /** As {@link #check}, with this verifier's skew and maximum age. */
    public void enforce(byte[] ocspResponse, X509Certificate leaf, X509Certificate issuer, Instant now,
                        RevocationPolicy policy, CryptoProvider crypto) {
        Objects.requireNonNull(policy, "policy");
        if (ocspResponse == null) {
            if (policy == RevocationPolicy.HARD_FAIL) {
                throw CertificateRejection.of(ChainProblem.STATUS_UNKNOWN, leaf, 0, "the server stapled no OCSP "
                        + "response and the revocation policy is HARD_FAIL");
            }
            return;
        }
        OcspStatus status = verify(ocspResponse, leaf, issuer, now, crypto);
        if (status instanceof OcspStatus.Revoked) {
            OcspStatus.Revoked r = (OcspStatus.Revoked) status;
            throw CertificateRejection.of(ChainProblem.REVOKED, leaf, 0, "the stapled OCSP response says it was "
                    + "revoked at " + r.time() + (r.reason() == null ? "" : " (" + r.reason() + ")"));
        }
        if (status instanceof OcspStatus.Unknown && policy == RevocationPolicy.HARD_FAIL) {
            throw CertificateRejection.of(ChainProblem.STATUS_UNKNOWN, leaf, 0, "the stapled OCSP response says "
                    + "the responder does not know the certificate, and the revocation policy is HARD_FAIL");
        }
    }

    /**
     * The status a valid response gives {@code leaf}.
     *
     * @throws CertificateRejection BAD_STATUS_RESPONSE if the response is not valid for {@code leaf}
     *                              at {@code now}
     */
    public OcspStatus verify(byte[] ocspResponse, X509Certificate leaf, X509Certificate issuer, Instant now,
                             CryptoProvider crypto) {
        Objects.requireNonNull(ocspResponse, "ocspResponse");
        try {
            return verifyParsed(ocspResponse, leaf, issuer, now, crypto);
        } catch (CertificateRejection e) {
            throw e;
        } catch (Der.Malformed e) {
            throw bad(leaf, "it is malformed: " + e.getMessage());
        } catch (RuntimeException e) {
            // Whatever a JDK parser below throws for hostile bytes, it is still a bad response.
            throw bad(leaf, "it cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private OcspStatus verifyParsed(byte[] bytes, X509Certificate leaf, X509Certificate issuer, Instant now,
                                    CryptoProvider crypto) {
        Der.Element outer = Der.single(bytes);
        if (outer.tag() != Der.SEQUENCE) {
            throw new Der.Malformed("OCSPResponse is not a SEQUENCE");
        }
        Der response = outer.reader();
        int status = enumerated(response.read(Der.ENUMERATED));
        if (status != 0) {
            throw bad(leaf, "the responder answered " + (status < STATUS_NAMES.length ? STATUS_NAMES[status]
                    : String.valueOf(status)) + " instead of a status (RFC 6960 §4.2.1)");
        }
        // RFC 6960 §4.2.1: responseBytes [0] EXPLICIT ResponseBytes, a SEQUENCE. Outside the signed
        // data, so its tag is checked here or a changed octet would go unnoticed.
        Der responseBytes = explicitOf(response.read(0xa0), Der.SEQUENCE).reader();
        response.expectEnd();
        String type = responseBytes.readOid();
        if (!BASIC.equals(type)) {
            throw bad(leaf, "its response type " + type + " is not id-pkix-ocsp-basic");
        }
        byte[] basicDer = responseBytes.read(Der.OCTET_STRING).contents();
        responseBytes.expectEnd();

        Der basic = single(basicDer, Der.SEQUENCE).reader();
        Der.Element tbs = basic.read(Der.SEQUENCE);
        byte[] algorithm = basic.read(Der.SEQUENCE).encoded();
        // RFC 6960 §4.2.1: BasicOCSPResponse.signature holds the signature octets, so no unused bits.
        byte[] signature = Der.octetBitString(basic.read(Der.BIT_STRING));
        List<X509Certificate> certs = basic.hasMore() ? certificates(explicit(basic.read(0xa0))) : List.of();
        basic.expectEnd();

        Der data = tbs.reader();
        Der.Element version = data.readOptional(0xa0);
        if (version != null && enumeratedOrInteger(explicit(version), Der.INTEGER) != 0) {
            throw new Der.Malformed("ResponseData version is not v1");
        }
        Der.Element responderId = data.read();
        Instant producedAt = generalizedTime(data.read(Der.GENERALIZED_TIME));
        Der.Element responses = data.read(Der.SEQUENCE);
        if (data.hasMore()) {
            checkExtensions(explicit(data.read(0xa1)), leaf);
        }
        data.expectEnd();

        X509Certificate signer = signer(responderId, issuer, certs, leaf, now, crypto);
        String problem = signatureProblem(algorithm, signer.getPublicKey(), tbs.encoded(), signature, crypto);
        if (problem != null) {
            throw bad(leaf, "its signature by '" + CertificateRejection.name(signer.getSubjectX500Principal()) + "' is wrong: "
                    + problem);
        }
        if (producedAt.isAfter(now.plus(skew))) {
            throw bad(leaf, "it was produced in the future (producedAt " + producedAt + ", now " + now + ")");
        }
        return statusOf(responses, leaf, issuer, now, crypto);
    }

    /** The SingleResponse for {@code leaf}, checked for freshness, as a status. */
    private OcspStatus statusOf(Der.Element responses, X509Certificate leaf, X509Certificate issuer, Instant now,
                                CryptoProvider crypto) {
        Der list = responses.reader();
        CertIdMatcher matcher = new CertIdMatcher(leaf, issuer, crypto);
        int count = 0;
        while (list.hasMore()) {
            if (++count > MAX_RESPONSES) {
                throw new Der.Malformed("more than " + MAX_RESPONSES + " SingleResponses");
            }
            Der single = list.readSequence();
            Der.Element certId = single.read(Der.SEQUENCE);
            Der.Element certStatus = single.read();
            Instant thisUpdate = generalizedTime(single.read(Der.GENERALIZED_TIME));
            Der.Element next = single.readOptional(0xa0);
            Instant nextUpdate = next == null ? null : generalizedTime(explicitOf(next, Der.GENERALIZED_TIME));
            if (single.hasMore()) {
                checkExtensions(explicit(single.read(0xa1)), leaf);
            }
            single.expectEnd();
            OcspStatus status = status(certStatus);
            if (!matcher.matches(certId)) {
                continue;
            }
            checkFreshness(leaf, now, thisUpdate, nextUpdate);
            return status;
        }
        throw bad(leaf, "it is for another certificate: no CertID names serial 0x" + leaf.getSerialNumber().toString(16)
                + " of issuer '" + CertificateRejection.name(issuer.getSubjectX500Principal()) + "'");
    }

    private void checkFreshness(X509Certificate leaf, Instant now, Instant thisUpdate, Instant nextUpdate) {
        // RFC 6960 §3.2 items 4 and 5; RFC 5019 §4 for the clock skew.
        if (thisUpdate.isAfter(now.plus(skew))) {
            throw bad(leaf, "it is not yet valid: thisUpdate " + thisUpdate + " is in the future (now " + now + ")");
        }
        if (nextUpdate != null) {
            if (nextUpdate.isBefore(thisUpdate)) {
                throw bad(leaf, "it is malformed: nextUpdate " + nextUpdate + " is before thisUpdate " + thisUpdate);
            }
            if (nextUpdate.isBefore(now.minus(skew))) {
                throw bad(leaf, "it is stale: nextUpdate " + nextUpdate + " has passed (now " + now + ")");
            }
        } else if (thisUpdate.isBefore(now.minus(maxAge))) {
            throw bad(leaf, "it is stale: thisUpdate " + thisUpdate + " is older than " + maxAge.toDays()
                    + " days and it has no nextUpdate");
        }
    }

    /** RFC 6960 §4.2.1 CertStatus. */
    private static OcspStatus status(Der.Element e) {
        if (e.tag() == 0x80 && e.length() == 0) {
            return new OcspStatus.Good();
        }
        if (e.tag() == 0x82 && e.length() == 0) {
            return new OcspStatus.Unknown();
        }
        if (e.tag() != 0xa1) {
            throw new Der.Malformed("CertStatus has tag 0x" + Integer.toHexString(e.tag()));
        }
        Der revoked = e.reader();
        Instant time = generalizedTime(revoked.read(Der.GENERALIZED_TIME));
        OcspStatus.Reason reason = null;
        if (revoked.hasMore()) {
            int code = enumerated(explicitOf(revoked.read(0xa0), Der.ENUMERATED));
            reason = OcspStatus.Reason.of(code);
            if (reason == null) {
                throw new Der.Malformed("CRLReason " + code + " does not exist (RFC 5280 §5.3.1)");
            }
        }
        revoked.expectEnd();
        return new OcspStatus.Revoked(time, reason);
    }

    /**
     * RFC 6960 §4.2.2.2: the issuer itself, or a certificate from the response that the responderID
     * names, issued by the issuer, with id-kp-OCSPSigning, valid now.
     */
    private static X509Certificate signer(Der.Element responderId, X509Certificate issuer, List<X509Certificate> certs,
                                          X509Certificate leaf, Instant now, CryptoProvider crypto) {
        ResponderId id = ResponderId.parse(responderId);
        if (id.names(issuer, crypto)) {
            return issuer;
        }
        for (X509Certificate c : certs) {
            if (!id.names(c, crypto)) {
                continue;
            }
            String who = "responder certificate '" + CertificateRejection.name(c.getSubjectX500Principal()) + "'";
            if (!c.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                throw bad(leaf, "wrong signer: the " + who + " is not issued by '"
                        + CertificateRejection.name(issuer.getSubjectX500Principal()) + "' (RFC 6960 §4.2.2.2)");
            }
            String problem = certificateSignatureProblem(c, issuer, crypto);
            if (problem != null) {
                throw bad(leaf, "wrong signer: the " + who + " is not signed by its issuer: " + problem);
            }
            List<String> eku;
            try {
                eku = c.getExtendedKeyUsage();
            } catch (java.security.cert.CertificateParsingException e) {
                eku = null;
            }
            if (eku == null || !eku.contains(OCSP_SIGNING)) {
                throw bad(leaf, "wrong signer: the " + who + " lacks extendedKeyUsage id-kp-OCSPSigning "
                        + "(RFC 6960 §4.2.2.2)");
            }
            boolean[] ku = c.getKeyUsage();
            if (ku != null && (ku.length == 0 || !ku[0])) {
                throw bad(leaf, "wrong signer: the " + who + " has keyUsage without digitalSignature");
            }
            try {
                c.checkValidity(Date.from(now));
            } catch (java.security.cert.CertificateExpiredException
                     | java.security.cert.CertificateNotYetValidException e) {
                throw bad(leaf, "wrong signer: the " + who + " is not valid at " + now + " (valid "
                        + c.getNotBefore().toInstant() + " to " + c.getNotAfter().toInstant() + ")");
            }
            return c;
        }
        throw bad(leaf, "wrong signer: the responder " + id + " is neither the issuer '"
                + CertificateRejection.name(issuer.getSubjectX500Principal()) + "' nor a certificate included in the response");
    }

    /** The issuer's signature over a delegated responder's certificate, with the algorithms responses may use. */
    private static String certificateSignatureProblem(X509Certificate c, X509Certificate issuer, CryptoProvider crypto) {
        CertificateFacts f = CertificateFacts.parse(c);
        return signatureProblem(f.outerAlgorithm, issuer.getPublicKey(), f.tbs, f.signature, crypto);
    }

    private static String signatureProblem(byte[] algorithm, PublicKey key, byte[] signed, byte[] signature,
                                           CryptoProvider crypto) {
        return X509Signatures.problem(algorithm, SIGNATURE_ALGORITHMS, SIGNATURE_RULE, key, signed, signature, crypto);
    }

    private static List<X509Certificate> certificates(Der.Element seq) {
        if (seq.tag() != Der.SEQUENCE) {
            throw new Der.Malformed("certs is not a SEQUENCE");
        }
        List<X509Certificate> out = new ArrayList<>();
        Der r = seq.reader();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (r.hasMore()) {
                if (out.size() == MAX_CERTS) {
                    throw new Der.Malformed("more than " + MAX_CERTS + " certificates");
                }
                byte[] der = r.read(Der.SEQUENCE).encoded();
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (CertificateException | ClassCastException e) {
            throw new Der.Malformed("a certificate in certs cannot be parsed");
        }
        return out;
    }

    /** RFC 5280 §4.1 Extensions: a critical extension we do not know makes the response unusable. */
    private static void checkExtensions(Der.Element extensions, X509Certificate leaf) {
        if (extensions.tag() != Der.SEQUENCE) {
            throw new Der.Malformed("Extensions is not a SEQUENCE");
        }
        Der r = extensions.reader();
        while (r.hasMore()) {
            Der ext = r.readSequence();
            String oid = ext.readOid();
            boolean critical = ext.peekTag() == Der.BOOLEAN && ext.readBoolean();
            ext.read(Der.OCTET_STRING);
            ext.expectEnd();
            if (critical && !NONCE.equals(oid)) {
                throw bad(leaf, "it has the critical extension " + oid + ", which jtls does not process");
            }
        }
    }

    /** Matches CertIDs against the leaf, hashing the issuer's name and key once per hash algorithm. */
    private static final class CertIdMatcher {
        private final X509Certificate leaf;
        private final byte[] issuerName;
        private final byte[] issuerKey;
        private final CryptoProvider crypto;
        private final byte[][] nameHashes = new byte[HashAlgorithm.values().length][];
        private final byte[][] keyHashes = new byte[HashAlgorithm.values().length][];

        CertIdMatcher(X509Certificate leaf, X509Certificate issuer, CryptoProvider crypto) {
            this.leaf = leaf;
            this.issuerName = issuer.getSubjectX500Principal().getEncoded();
            this.issuerKey = publicKeyBits(issuer);
            this.crypto = crypto;
        }

        boolean matches(Der.Element certId) {
            Der r = certId.reader();
            Der algorithm = r.readSequence();
            // RFC 6960 §4.1.1: CertID hashes are identifiers, not signatures, so SHA-1 is fine here.
            HashAlgorithm hash = X509Signatures.hashForOid(algorithm.readOid());
            if (algorithm.hasMore()) {
                algorithm.read(Der.NULL);
            }
            algorithm.expectEnd();
            byte[] nameHash = r.read(Der.OCTET_STRING).contents();
            byte[] keyHash = r.read(Der.OCTET_STRING).contents();
            BigInteger serial = r.readInteger();
            r.expectEnd();
            if (hash == null) {
                return false; // a hash we do not compute cannot name our certificate
            }
            int i = hash.ordinal();
            if (nameHashes[i] == null) {
                nameHashes[i] = digest(crypto, hash, issuerName);
                keyHashes[i] = digest(crypto, hash, issuerKey);
            }
            return serial.equals(leaf.getSerialNumber()) && Arrays.equals(nameHash, nameHashes[i])
                    && Arrays.equals(keyHash, keyHashes[i]);
        }

    }

    /** ResponderID ::= CHOICE { byName [1] Name, byKey [2] KeyHash } (EXPLICIT tags, RFC 6960 §4.2.1). */
    private record ResponderId(DistinguishedName name, byte[] keyHash) {
        static ResponderId parse(Der.Element e) {
            if (e.tag() == 0xa1) {
                return new ResponderId(DistinguishedName.parse(explicitOf(e, Der.SEQUENCE)), null);
            }
            if (e.tag() == 0xa2) {
                byte[] hash = explicitOf(e, Der.OCTET_STRING).contents();
                if (hash.length != 20) {
                    throw new Der.Malformed("ResponderID byKey is not a 20-byte SHA-1 hash");
                }
                return new ResponderId(null, hash);
            }
            throw new Der.Malformed("ResponderID has tag 0x" + Integer.toHexString(e.tag()));
        }

        boolean names(X509Certificate c, CryptoProvider crypto) {
            if (name != null) {
                return Arrays.equals(name.encoded(), c.getSubjectX500Principal().getEncoded())
                        || DistinguishedName.parse(c.getSubjectX500Principal().getEncoded()).sameAs(name);
            }
            return Arrays.equals(keyHash, digest(crypto, HashAlgorithm.SHA1, publicKeyBits(c)));
        }

        @Override
        public String toString() {
            return name != null ? "'" + name + "'" : "with key hash " + java.util.HexFormat.of().formatHex(keyHash);
        }
    }

    /** The subjectPublicKey BIT STRING value of a certificate's key (RFC 6960 §4.1.1 issuerKeyHash). */
    private static byte[] publicKeyBits(X509Certificate c) {
        Der spki = single(c.getPublicKey().getEncoded(), Der.SEQUENCE).reader();
        spki.read(Der.SEQUENCE);
        byte[] bits = Der.bitString(spki.read(Der.BIT_STRING));
        spki.expectEnd();
        return bits;
    }

    private static byte[] digest(CryptoProvider crypto, HashAlgorithm hash, byte[] data) {
        Digest d = crypto.newDigest(hash);
        d.update(data);
        return d.digest();
    }

    private static Der.Element single(byte[] der, int tag) {
        Der.Element e = Der.single(der);
        if (e.tag() != tag) {
            throw new Der.Malformed("expected tag 0x" + Integer.toHexString(tag) + " but found 0x"
                    + Integer.toHexString(e.tag()));
        }
        return e;
    }

    /** The one element inside an EXPLICIT tag. */
    private static Der.Element explicit(Der.Element tagged) {
        if (!tagged.isConstructed()) {
            throw new Der.Malformed("an EXPLICIT tag is not constructed");
        }
        Der r = tagged.reader();
        Der.Element inner = r.read();
        r.expectEnd();
        return inner;
    }

    private static Der.Element explicitOf(Der.Element tagged, int tag) {
        Der.Element inner = explicit(tagged);
        if (inner.tag() != tag) {
            throw new Der.Malformed("expected tag 0x" + Integer.toHexString(tag) + " inside an EXPLICIT tag");
        }
        return inner;
    }

    static int enumerated(Der.Element e) {
        return enumeratedOrInteger(e, Der.ENUMERATED);
    }

    private static int enumeratedOrInteger(Der.Element e, int tag) {
        if (e.tag() != tag) {
            throw new Der.Malformed("expected tag 0x" + Integer.toHexString(tag));
        }
        BigInteger v = Der.integer(new Der.Element(Der.INTEGER, e.source(), e.offset(), e.length(), e.headerOffset()));
        if (v.signum() < 0 || v.bitLength() > 16) {
            throw new Der.Malformed("an ENUMERATED or INTEGER value is out of range");
        }
        return v.intValue();
    }

    /**
     * DER GeneralizedTime (X.690 §11.7): YYYYMMDDHHMMSS, an optional fraction without trailing
     * zeros, then Z.
     */
    static Instant generalizedTime(Der.Element e) {
        String s = Der.string(new Der.Element(Der.IA5_STRING, e.source(), e.offset(), e.length(), e.headerOffset()));
        if (s.length() < 15 || s.charAt(s.length() - 1) != 'Z') {
            throw new Der.Malformed("a GeneralizedTime is not YYYYMMDDHHMMSS[.f]Z: '" + s + "'");
        }
        for (int i = 0; i < 14; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw new Der.Malformed("a GeneralizedTime has a non-digit: '" + s + "'");
            }
        }
        int nanos = 0;
        if (s.length() > 15) {
            String fraction = s.substring(15, s.length() - 1);
            if (fraction.length() < 2 || fraction.charAt(0) != '.' || fraction.length() > 10
                    || fraction.charAt(fraction.length() - 1) == '0' || !fraction.substring(1).chars().allMatch(
                            c -> c >= '0' && c <= '9')) {
                throw new Der.Malformed("a GeneralizedTime fraction is not DER: '" + s + "'");
            }
            nanos = Integer.parseInt((fraction.substring(1) + "000000000").substring(0, 9));
        }
        try {
            return LocalDateTime.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4, 6)),
                    Integer.parseInt(s.substring(6, 8)), Integer.parseInt(s.substring(8, 10)),
                    Integer.parseInt(s.substring(10, 12)), Integer.parseInt(s.substring(12, 14)), nanos)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException ex) {
            throw new Der.Malformed("a GeneralizedTime is not a date: '" + s + "'");
        }
    }

    private static CertificateRejection bad(X509Certificate leaf, String why) {
        return CertificateRejection.of(ChainProblem.BAD_STATUS_RESPONSE, leaf, 0, "its stapled OCSP response is "
                + "unusable: " + why);
    }
}
