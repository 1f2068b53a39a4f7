package dev.jtls.pki;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * One certificate revocation list read with {@link Der} (RFC 5280 §5.1): the signed bytes, the
 * issuer, the update times, the CRL extensions (kept in order with their criticality) and the revoked
 * entries by serial number. Only the structure is read here; whether the CRL may be used, and for
 * which certificates, is {@link CrlChecking}'s decision. Immutable.
 */
final class Crl {
    static final String CRL_NUMBER = "2.5.29.20";
    static final String DELTA_CRL_INDICATOR = "2.5.29.27";
    static final String ISSUING_DISTRIBUTION_POINT = "2.5.29.28";
    static final String FRESHEST_CRL = "2.5.29.46";
    static final String REASON_CODE = "2.5.29.21";
    static final String INVALIDITY_DATE = "2.5.29.24";
    static final String CERTIFICATE_ISSUER = "2.5.29.29";
    static final String HOLD_INSTRUCTION = "2.5.29.23";
    /** RFC 5280 §5.3 ReasonFlags bits 1..8: every reason a CRL can cover. */
    static final int ALL_REASONS = 0x1fe;

    /** One revoked certificate (RFC 5280 §5.1.2.6) with its entry extensions. */
    record Entry(BigInteger serial, Instant revoked, OcspStatus.Reason reason, List<CertificateFacts.Extension> extensions) {
    }

    /**
     * issuingDistributionPoint (RFC 5280 §5.2.5).
     *
     * @param names        the encoded GeneralNames of the fullName (or the one nameRelativeToCRLIssuer), empty when absent
     * @param reasons      the onlySomeReasons bits, or {@link #ALL_REASONS}
     */
    record IssuingDistributionPoint(Set<String> names, boolean onlyUserCerts, boolean onlyCaCerts, int reasons,
                                    boolean indirect, boolean onlyAttributeCerts) {
    }

    final X500Principal issuer;
    final int version;
    final byte[] innerAlgorithm;
    final byte[] outerAlgorithm;
    final byte[] tbs;
    final byte[] signature;
    final Instant thisUpdate;
    final Instant nextUpdate;
    final List<CertificateFacts.Extension> extensions;
    private final Map<BigInteger, Entry> revoked;

    private Crl(X500Principal issuer, int version, byte[] innerAlgorithm, byte[] outerAlgorithm,
                byte[] tbs, byte[] signature, Instant thisUpdate, Instant nextUpdate,
                List<CertificateFacts.Extension> extensions, Map<BigInteger, Entry> revoked) {
        this.issuer = issuer;
        this.version = version;
        this.innerAlgorithm = innerAlgorithm;
        this.outerAlgorithm = outerAlgorithm;
        this.tbs = tbs;
        this.signature = signature;
        this.thisUpdate = thisUpdate;
        this.nextUpdate = nextUpdate;
        this.extensions = extensions;
        this.revoked = revoked;
    }

    /** Reads a DER CertificateList; throws {@link Der.Malformed}. */
    static Crl parse(byte[] der) {
        Der.Signed signed = Der.Signed.read(der);
        Der.Element tbsElement = signed.tbs();
        Der tbs = tbsElement.reader();
        int version = 1;
        if (tbs.peekTag() == Der.INTEGER) {
            BigInteger v = tbs.readInteger();
            // RFC 5280 §5.1.2.1: "if present, MUST specify v2" (the value 1).
            if (!v.equals(BigInteger.ONE)) {
                throw new Der.Malformed("the CRL version " + v + " is not v2");
            }
            version = 2;
        }
        Der.Element innerAlg = tbs.read(Der.SEQUENCE);
        Der.Element issuerName = tbs.read(Der.SEQUENCE);
        if (issuerName.length() == 0) {
            throw new Der.Malformed("the CRL issuer name is empty (RFC 5280 §5.1.2.3)");
        }
        Instant thisUpdate = time(tbs.read());
        Instant nextUpdate = null;
        if (tbs.hasMore() && (tbs.peekTag() == Der.UTC_TIME || tbs.peekTag() == Der.GENERALIZED_TIME)) {
            nextUpdate = time(tbs.read());
        }
        Map<BigInteger, Entry> revoked = new HashMap<>();
        if (tbs.hasMore() && tbs.peekTag() == Der.SEQUENCE) {
            Der list = tbs.readSequence();
            if (!list.hasMore()) {
                // RFC 5280 §5.1.2.6: "When there are no revoked certificates, the revoked certificates list MUST be absent."
                throw new Der.Malformed("revokedCertificates is present but empty (RFC 5280 §5.1.2.6)");
            }
            while (list.hasMore()) {
                Entry e = entry(list.readSequence(), version);
                if (revoked.putIfAbsent(e.serial(), e) != null) {
                    throw new Der.Malformed("the CRL lists serial 0x" + e.serial().toString(16) + " twice");
                }
            }
        }
        List<CertificateFacts.Extension> extensions = List.of();
        if (tbs.hasMore() && tbs.peekTag() == 0xa0) {
            if (version != 2) {
                throw new Der.Malformed("a v1 CRL has extensions (RFC 5280 §5.1.2.1)");
            }
            Der wrapper = tbs.read().reader();
            extensions = CertificateFacts.readExtensions(wrapper.readSequence());
            wrapper.expectEnd();
        }
        tbs.expectEnd();
        X500Principal issuer;
        try {
            issuer = new X500Principal(issuerName.encoded());
        } catch (IllegalArgumentException e) {
            throw new Der.Malformed("the CRL issuer name cannot be read");
        }
        return new Crl(issuer, version, innerAlg.encoded(), signed.algorithm().encoded(),
                tbsElement.encoded(), signed.signature(), thisUpdate, nextUpdate, extensions, Collections.unmodifiableMap(revoked));
    }

    private static Entry entry(Der e, int version) {
        BigInteger serial = Der.integer(e.read(Der.INTEGER));
        Instant when = time(e.read());
        List<CertificateFacts.Extension> extensions = List.of();
        OcspStatus.Reason reason = null;
        if (e.hasMore()) {
            if (version != 2) {
                throw new Der.Malformed("a v1 CRL has entry extensions (RFC 5280 §5.1.2.1)");
            }
            extensions = CertificateFacts.readExtensions(e.readSequence());
            Set<String> seen = new HashSet<>();
            for (CertificateFacts.Extension x : extensions) {
                if (!seen.add(x.oid())) {
                    throw new Der.Malformed("a CRL entry repeats the extension " + x.oid() + " (RFC 5280 §4.2)");
                }
                if (x.oid().equals(REASON_CODE)) {
                    int code = OcspResponseVerifier.enumerated(Der.single(x.value()));
                    reason = OcspStatus.Reason.of(code);
                    if (reason == null) {
                        throw new Der.Malformed("the CRL reason code " + code + " is not defined (RFC 5280 §5.3.1)");
                    }
                }
            }
        }
        e.expectEnd();
        return new Entry(serial, when, reason, extensions);
    }

    /** The entry for {@code serial}, or null. */
    Entry entry(BigInteger serial) {
        return revoked.get(serial);
    }

    CertificateFacts.Extension extension(String oid) {
        for (CertificateFacts.Extension e : extensions) {
            if (e.oid().equals(oid)) {
                return e;
            }
        }
        return null;
    }

    /** The authorityKeyIdentifier keyIdentifier, or null. */
    byte[] authorityKeyId() {
        CertificateFacts.Extension e = extension(CertificateFacts.AUTHORITY_KEY_ID);
        if (e == null) {
            return null;
        }
        Der r = Der.single(e.value()).reader();
        return r.hasMore() && r.peekTag() == 0x80 ? r.read().contents() : null;
    }

    /** issuingDistributionPoint, or null when absent; throws {@link Der.Malformed}. */
    IssuingDistributionPoint issuingDistributionPoint() {
        CertificateFacts.Extension e = extension(ISSUING_DISTRIBUTION_POINT);
        if (e == null) {
            return null;
        }
        Der r = Der.single(e.value()).reader();
        Set<String> names = Set.of();
        boolean[] flags = new boolean[6];
        int reasons = ALL_REASONS;
        while (r.hasMore()) {
            Der.Element x = r.read();
            int tag = x.tag() & 0x1f;
            if ((x.tag() & 0xc0) != 0x80 || tag > 5) {
                throw new Der.Malformed("issuingDistributionPoint has an unexpected field");
            }
            if (tag == 0) {
                names = distributionPointName(x);
            } else if (tag == 3) {
                reasons = reasonBits(x);
            } else {
                flags[tag] = Der.bool(new Der.Element(Der.BOOLEAN, x.source(), x.offset(), x.length(), x.headerOffset()));
                if (!flags[tag]) {
                    throw new Der.Malformed("issuingDistributionPoint encodes a DEFAULT FALSE (X.690 §11.5)");
                }
            }
        }
        return new IssuingDistributionPoint(names, flags[1], flags[2], reasons, flags[4], flags[5]);
    }

    /**
     * A DistributionPointName [0] (explicit, a CHOICE): the hex of each fullName GeneralName, or of the
     * whole nameRelativeToCRLIssuer.
     */
    static Set<String> distributionPointName(Der.Element wrapper) {
        Der r = wrapper.reader();
        Der.Element choice = r.read();
        r.expectEnd();
        Set<String> out = new HashSet<>();
        if (choice.isContext(0) && choice.isConstructed()) {
            Der names = choice.reader();
            while (names.hasMore()) {
                out.add(hex(names.read().encoded()));
            }
        } else if (choice.isContext(1) && choice.isConstructed()) {
            out.add("rdn:" + hex(choice.encoded()));
        } else {
            throw new Der.Malformed("a DistributionPointName is neither fullName nor nameRelativeToCRLIssuer");
        }
        if (out.isEmpty()) {
            throw new Der.Malformed("a DistributionPointName has no names");
        }
        return out;
    }

    /** ReasonFlags (RFC 5280 §4.2.1.13) as an int, bit n = reason n. */
    static int reasonBits(Der.Element e) {
        boolean[] bits = Der.namedBits(new Der.Element(Der.BIT_STRING, e.source(), e.offset(), e.length(), e.headerOffset()));
        int out = 0;
        for (int i = 0; i < bits.length && i < 31; i++) {
            if (bits[i]) {
                out |= 1 << i;
            }
        }
        return out;
    }

    /** RFC 5280 §5.1.2.4: UTCTime (YYMMDDHHMMSSZ, 1950–2049) or GeneralizedTime. */
    static Instant time(Der.Element e) {
        if (e.tag() == Der.GENERALIZED_TIME) {
            return OcspResponseVerifier.generalizedTime(e);
        }
        if (e.tag() != Der.UTC_TIME) {
            throw new Der.Malformed("a CRL time is neither UTCTime nor GeneralizedTime");
        }
        String s = Der.string(new Der.Element(Der.IA5_STRING, e.source(), e.offset(), e.length(), e.headerOffset()));
        if (s.length() != 13 || s.charAt(12) != 'Z' || !s.substring(0, 12).chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Der.Malformed("a UTCTime is not YYMMDDHHMMSSZ: '" + CertificateRejection.cap(s, 40) + "'");
        }
        int yy = Integer.parseInt(s.substring(0, 2));
        try {
            return LocalDateTime.of(yy >= 50 ? 1900 + yy : 2000 + yy, Integer.parseInt(s.substring(2, 4)),
                    Integer.parseInt(s.substring(4, 6)), Integer.parseInt(s.substring(6, 8)),
                    Integer.parseInt(s.substring(8, 10)), Integer.parseInt(s.substring(10, 12))).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException ex) {
            throw new Der.Malformed("a UTCTime is not a date: '" + s + "'");
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
