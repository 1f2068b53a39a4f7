package dev.jtls.pki;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Revocation checking by CRL (RFC 5280 §6.3) for every certificate of a validated path but the trust
 * anchor. For each, the CRLs of its issuer (from the {@link CrlSet}, then, if a {@link CrlFetcher}
 * is set and none of those covers it, from its cRLDistributionPoints) are judged:
 * <ul>
 *   <li>signature (§6.3.3 (f)/(g)): by the key of the certificate's issuer in the path, with an
 *       algorithm the policy allows; the issuer's keyUsage, if present, must assert cRLSign
 *       (§4.2.1.3). A CRL whose authorityKeyIdentifier names another key of the same CA is not
 *       this issuer's and is passed over;
 *   <li>extensions (§5.2): an unknown critical CRL or entry extension makes the CRL unusable; a
 *       delta CRL (deltaCRLIndicator, §5.2.4) and an indirect one (indirectCRL, certificateIssuer
 *       entries, a distribution point with a cRLIssuer) are not supported and are refused by name;
 *   <li>scope (§6.3.3 (b)): an issuingDistributionPoint's name must match one of the
 *       certificate's distribution point names; onlyContainsUserCerts / onlyContainsCACerts must fit
 *       the certificate; onlyContainsAttributeCerts CRLs never apply; onlySomeReasons limits the
 *       reasons covered, and the certificate counts as covered only when every reason is;
 *   <li>time (§6.3.3 (a)(2), §5.1.2.4/5): thisUpdate not after the policy's clock, nextUpdate
 *       present and not before it;
 *   <li>status (§6.3.3 (i)/(j)): a listed serial is revoked (certificateHold included) with its
 *       reasonCode; removeFromCRL belongs in delta CRLs only (§5.3.1) and makes the CRL unusable.
 * </ul>
 * A revoked certificate is {@link ChainProblem#REVOKED} (certificate_revoked); an in-scope CRL
 * that cannot be used is {@link ChainProblem#BAD_CRL}; under {@link Coverage#REQUIRED} a
 * certificate no usable CRL covers is {@link ChainProblem#REVOCATION_UNKNOWN}.
 *
 * @param crls     the CRLs the application supplies
 * @param coverage whether a certificate with no covering CRL passes
 * @param fetcher  fetches CRLs from distribution points, or null (the default: no network)
 */
public record CrlChecking(CrlSet crls, Coverage coverage, CrlFetcher fetcher) {
    /** What a certificate that no usable CRL covers gets. */
    public enum Coverage {
        /** It passes: only CRLs that are there are checked (the default). */
        WHEN_AVAILABLE,
        /** It is refused (as OpenSSL's -crl_check_all does): every certificate's status must be known. */
        REQUIRED
    }

    private static final String CRL_DISTRIBUTION_POINTS = "2.5.29.31";
    private static final int KU_CRL_SIGN = 6;
    private static final int MAX_FETCHED_POINTS = 4;
    private static final Set<String> KNOWN_CRL_EXTENSIONS = Set.of(CertificateFacts.AUTHORITY_KEY_ID,
            CertificateFacts.ISSUER_ALT_NAME, Crl.CRL_NUMBER, Crl.DELTA_CRL_INDICATOR, Crl.ISSUING_DISTRIBUTION_POINT,
            Crl.FRESHEST_CRL, CertificateFacts.AUTHORITY_INFO_ACCESS);
    private static final Set<String> KNOWN_ENTRY_EXTENSIONS = Set.of(Crl.REASON_CODE, Crl.INVALIDITY_DATE,
            Crl.HOLD_INSTRUCTION, Crl.CERTIFICATE_ISSUER);

    public CrlChecking {
        Objects.requireNonNull(crls, "crls");
        Objects.requireNonNull(coverage, "coverage");
    }

    /** No revocation checking by CRL. */
    public static CrlChecking off() {
        return new CrlChecking(CrlSet.empty(), Coverage.WHEN_AVAILABLE, null);
    }

    /** These CRLs, checked when they cover a certificate; no fetching. */
    public static CrlChecking of(CrlSet crls) {
        return new CrlChecking(crls, Coverage.WHEN_AVAILABLE, null);
    }

    public CrlChecking withCoverage(Coverage coverage) {
        return new CrlChecking(crls, coverage, fetcher);
    }

    public CrlChecking withFetcher(CrlFetcher fetcher) {
        return new CrlChecking(crls, coverage, fetcher);
    }

    boolean isOff() {
        return crls.isEmpty() && coverage == Coverage.WHEN_AVAILABLE && fetcher == null;
    }

    /** Checks every certificate of the path (leaf first, anchor last) but the anchor. */
    void check(List<CertificateFacts> path, ValidationRun run) {
        if (isOff()) {
            return;
        }
        Instant now = run.policy.clock().instant();
        for (int i = path.size() - 2; i >= 0; i--) {
            checkOne(path.get(i), i, path.get(i + 1), run, now);
        }
    }

    /** One distribution point of a certificate (RFC 5280 §4.2.1.13). */
    private record DistributionPoint(Set<String> names, int reasons, boolean hasCrlIssuer, List<URI> uris) {
    }

    private void checkOne(CertificateFacts cert, int position, CertificateFacts issuer, ValidationRun run, Instant now) {
        List<DistributionPoint> points = distributionPoints(cert, position);
        int covered = covered(crls.byIssuer(cert.cert.getIssuerX500Principal()), cert, position, issuer, points, run, now);
        if (covered != Crl.ALL_REASONS && fetcher != null) {
            covered |= covered(fetch(points), cert, position, issuer, points, run, now);
        }
        if (covered != Crl.ALL_REASONS && coverage == Coverage.REQUIRED) {
            throw CertificateRejection.of(ChainProblem.REVOCATION_UNKNOWN, cert.cert, position, "no usable CRL of"
                    + " its issuer covers it" + (covered == 0 ? "" : " for every revocation reason")
                    + ", and the revocation policy requires one (RFC 5280 §6.3.3 (k))");
        }
    }

    /** Checks each CRL that applies; returns the reasons the usable ones cover. */
    private static int covered(List<Crl> candidates, CertificateFacts cert, int position, CertificateFacts issuer,
                               List<DistributionPoint> points, ValidationRun run, Instant now) {
        int covered = 0;
        String stale = null;
        for (Crl crl : candidates) {
            if (!crl.issuer.equals(cert.cert.getIssuerX500Principal()) || otherKey(crl, issuer)) {
                continue;
            }
            Crl.IssuingDistributionPoint idp;
            try {
                idp = crl.issuingDistributionPoint();
            } catch (Der.Malformed e) {
                throw bad(cert, position, "its issuingDistributionPoint cannot be read: " + e.getMessage());
            }
            int reasons = scope(crl, idp, cert, position, points);
            if (reasons == 0) {
                continue;
            }
            checkUsable(crl, idp, cert, position, issuer, run);
            String notCurrent = notCurrent(crl, now);
            if (notCurrent != null) {
                stale = stale == null ? notCurrent : stale;
                continue;
            }
            Crl.Entry entry = crl.entry(cert.serial);
            if (entry != null) {
                revoked(entry, cert, position);
            }
            covered |= reasons;
        }
        if (covered != Crl.ALL_REASONS && stale != null) {
            // Only a CRL that is not current covers it: as OpenSSL does, refuse rather than pass by.
            throw bad(cert, position, stale);
        }
        return covered;
    }

    /** The CRL's AKI names a key other than the issuer's SKI: a CRL of the same CA under another key. */
    private static boolean otherKey(Crl crl, CertificateFacts issuer) {
        byte[] aki;
        try {
            aki = crl.authorityKeyId();
        } catch (Der.Malformed e) {
            return false; // reported as unusable below if it is in scope
        }
        byte[] ski = issuer.subjectKeyId();
        return aki != null && ski != null && !Arrays.equals(aki, ski);
    }

    /**
     * RFC 5280 §6.3.3 (b): the reasons this CRL covers for {@code cert}, 0 when it does not apply.
     * An indirect CRL is refused: it could list this certificate under another issuer.
     */
    private static int scope(Crl crl, Crl.IssuingDistributionPoint idp, CertificateFacts cert, int position,
                             List<DistributionPoint> points) {
        if (idp == null) {
            // A complete CRL for every certificate of the issuer, every reason.
            return Crl.ALL_REASONS;
        }
        if (idp.indirect()) {
            throw bad(cert, position, "it is an indirect CRL (issuingDistributionPoint indirectCRL), which is not"
                    + " supported (RFC 5280 §5.2.5)");
        }
        if (idp.onlyAttributeCerts()) {
            return 0;
        }
        CertificateFacts.BasicConstraints bc = cert.basicConstraints();
        boolean ca = bc != null && bc.ca();
        if ((idp.onlyUserCerts() && ca) || (idp.onlyCaCerts() && !ca)) {
            return 0;
        }
        int reasons = idp.reasons();
        if (!idp.names().isEmpty()) {
            // §6.3.3 (b)(2)(i): one of the IDP's names is one of a distribution point's names.
            int matched = 0;
            for (DistributionPoint p : points) {
                if (!p.hasCrlIssuer() && p.names().stream().anyMatch(idp.names()::contains)) {
                    matched |= p.reasons();
                }
            }
            reasons &= matched;
        }
        return reasons;
    }

    private static void checkUsable(Crl crl, Crl.IssuingDistributionPoint idp, CertificateFacts cert, int position,
                                    CertificateFacts issuer, ValidationRun run) {
        for (CertificateFacts.Extension e : crl.extensions) {
            if (e.oid().equals(Crl.DELTA_CRL_INDICATOR)) {
                throw bad(cert, position, "it is a delta CRL (deltaCRLIndicator), which is not supported; supply"
                        + " the complete CRL (RFC 5280 §5.2.4)");
            }
            if (e.critical() && !KNOWN_CRL_EXTENSIONS.contains(e.oid())) {
                throw bad(cert, position, "it has the critical CRL extension " + e.oid() + ", which is not"
                        + " processed (RFC 5280 §5.2)");
            }
        }
        if (idp != null && !crl.extension(Crl.ISSUING_DISTRIBUTION_POINT).critical()) {
            throw bad(cert, position, "its issuingDistributionPoint is not critical (RFC 5280 §5.2.5)");
        }
        if (!Arrays.equals(crl.innerAlgorithm, crl.outerAlgorithm)) {
            throw bad(cert, position, "its signatureAlgorithm differs from tbsCertList.signature (RFC 5280 §5.1.1.2)");
        }
        boolean[] ku = issuer.keyUsage();
        if (ku != null && !CertificateFacts.bit(ku, KU_CRL_SIGN)) {
            throw bad(cert, position, "its issuer's keyUsage lacks cRLSign, so the issuer may not sign CRLs"
                    + " (RFC 5280 §4.2.1.3, §6.3.3 (f))");
        }
        X509Signatures.Algorithm algorithm;
        try {
            algorithm = X509Signatures.decode(crl.outerAlgorithm);
        } catch (X509Signatures.Unsupported | Der.Malformed e) {
            throw bad(cert, position, "its signature algorithm is not usable: " + e.getMessage());
        }
        if (!algorithm.allowedBy(run.policy.signatureAlgorithms())) {
            throw bad(cert, position, "it is signed with " + algorithm + ", which the policy does not accept");
        }
        run.spend("the signature of a CRL of " + CertificateRejection.name(crl.issuer));
        if (!X509Signatures.verify(run.crypto(), algorithm, issuer.cert.getPublicKey(), crl.tbs, crl.signature)) {
            throw bad(cert, position, "its signature does not verify with the key of its issuer '"
                    + CertificateRejection.name(issuer.cert.getSubjectX500Principal()) + "' (RFC 5280 §6.3.3 (g))");
        }
    }

    /** Why the CRL is not current at {@code now}, or null when it is. */
    private static String notCurrent(Crl crl, Instant now) {
        if (crl.thisUpdate.isAfter(now)) {
            return "its thisUpdate " + crl.thisUpdate + " is after now (" + now + ") (RFC 5280 §5.1.2.4)";
        }
        if (crl.nextUpdate == null) {
            return "it has no nextUpdate, so its freshness cannot be judged (RFC 5280 §5.1.2.5)";
        }
        if (crl.nextUpdate.isBefore(now)) {
            return "it is stale: its nextUpdate " + crl.nextUpdate + " is before now (" + now
                    + "); supply a current CRL (RFC 5280 §6.3.3 (a)(2))";
        }
        return null;
    }

    private static void revoked(Crl.Entry entry, CertificateFacts cert, int position) {
        for (CertificateFacts.Extension e : entry.extensions()) {
            if (e.oid().equals(Crl.CERTIFICATE_ISSUER)) {
                throw bad(cert, position, "its entry for the certificate has a certificateIssuer, which only an"
                        + " indirect CRL may have (RFC 5280 §5.3.3)");
            }
            if (e.critical() && !KNOWN_ENTRY_EXTENSIONS.contains(e.oid())) {
                throw bad(cert, position, "its entry for the certificate has the critical extension " + e.oid()
                        + ", which is not processed (RFC 5280 §5.3)");
            }
        }
        if (entry.reason() == OcspStatus.Reason.REMOVE_FROM_CRL) {
            throw bad(cert, position, "its entry for the certificate has reason removeFromCRL, which only a delta"
                    + " CRL may carry (RFC 5280 §5.3.1)");
        }
        throw CertificateRejection.of(ChainProblem.REVOKED, cert.cert, position, "it was revoked at "
                + entry.revoked() + (entry.reason() == null ? "" : " (" + entry.reason() + ")")
                + " according to a CRL of its issuer (RFC 5280 §6.3.3 (i))");
    }

    /** cRLDistributionPoints (RFC 5280 §4.2.1.13), empty when absent. */
    private static List<DistributionPoint> distributionPoints(CertificateFacts cert, int position) {
        CertificateFacts.Extension e = cert.extension(CRL_DISTRIBUTION_POINTS);
        if (e == null) {
            return List.of();
        }
        try {
            List<DistributionPoint> out = new ArrayList<>();
            Der r = Der.single(e.value()).reader();
            while (r.hasMore()) {
                Der p = r.readSequence();
                Set<String> names = Set.of();
                int reasons = Crl.ALL_REASONS;
                boolean crlIssuer = false;
                while (p.hasMore()) {
                    Der.Element x = p.read();
                    if (x.isContext(0)) {
                        names = Crl.distributionPointName(x);
                    } else if (x.isContext(1)) {
                        reasons = Crl.reasonBits(x);
                    } else if (x.isContext(2)) {
                        crlIssuer = true;
                    } else {
                        throw new Der.Malformed("a DistributionPoint has an unexpected field");
                    }
                }
                out.add(new DistributionPoint(names, reasons, crlIssuer, uris(names)));
            }
            return out;
        } catch (Der.Malformed ex) {
            throw CertificateRejection.of(ChainProblem.MALFORMED, cert.cert, position,
                    "its cRLDistributionPoints cannot be read: " + ex.getMessage() + " (RFC 5280 §4.2.1.13)");
        }
    }

    /** The http URIs among a distribution point's fullName (uniformResourceIdentifier is [6] IA5String). */
    private static List<URI> uris(Set<String> names) {
        List<URI> out = new ArrayList<>();
        for (String hex : names) {
            if (hex.startsWith("86")) {
                Der.Element e = Der.single(HexFormat.of().parseHex(hex));
                try {
                    out.add(new URI(new String(e.contents(), java.nio.charset.StandardCharsets.US_ASCII)));
                } catch (URISyntaxException ex) {
                    // not a usable URI; other names may be
                }
            }
        }
        return out;
    }

    private List<Crl> fetch(List<DistributionPoint> points) {
        List<Crl> out = new ArrayList<>();
        int tried = 0;
        for (DistributionPoint p : points) {
            for (URI uri : p.uris()) {
                if (p.hasCrlIssuer() || tried++ >= MAX_FETCHED_POINTS) {
                    continue;
                }
                try {
                    out.add(Crl.parse(fetcher.fetch(uri)));
                } catch (IOException | RuntimeException e) {
                    // Unavailable: the certificate's status stays unknown (Coverage decides).
                }
            }
        }
        return out;
    }

    private static CertificateRejection bad(CertificateFacts cert, int position, String why) {
        return CertificateRejection.of(ChainProblem.BAD_CRL, cert.cert, position, "a CRL of its issuer cannot be"
                + " used: " + why);
    }

}
