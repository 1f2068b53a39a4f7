package dev.jtls.pki;

import dev.jtls.record.TlsAlertException;
import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.message.PeerMisbehaved;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The RFC 5280 certification-path validator: {@link PathBuilder} finds candidate paths from the
 * peer's certificates to one of the {@link TrustAnchors}, and {@link #checkPath} applies RFC 5280 §6.1
 * to each, from the anchor down to the leaf, with the profile rules of {@link ProfileRules} and the
 * {@link ValidationPolicy}. Parsing is the JDK's CertificateFactory (the X509Certificate type KeyStores
 * and handshakes hand out) plus our strict {@link Der} reader; no decision is the JDK's
 * CertPathValidator's. Signatures are verified through tls-crypto ({@link X509Signatures}).
 *
 * <p>Every refusal is a {@link CertificateRejection} naming the certificate (subject, serial,
 * position in the path: 0 = leaf) and the rule. Thread-safe: state lives in a {@link ValidationRun}.
 */
public final class ChainValidator {
    /** RFC 5280 §4.2.1.12 anyExtendedKeyUsage. */
    static final String ANY_EKU = "2.5.29.37.0";

    private final TrustAnchors anchors;
    private final CryptoProvider crypto;
    private final CrlChecking revocation;

    public ChainValidator(TrustAnchors anchors) {
        this(anchors, CryptoProviders.defaults());
    }

    public ChainValidator(TrustAnchors anchors, CryptoProvider crypto) {
        this(anchors, crypto, CrlChecking.off());
    }

    /** @param revocation the CRLs to check each certificate of a path against (RFC 5280 §6.3) */
    public ChainValidator(TrustAnchors anchors, CryptoProvider crypto, CrlChecking revocation) {
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.revocation = Objects.requireNonNull(revocation, "revocation");
    }

    /** The same anchors and crypto with these CRLs. */
    public ChainValidator withRevocation(CrlChecking crls) {
        return new ChainValidator(anchors, crypto, crls);
    }

    public CrlChecking revocation() {
        return revocation;
    }

    public TrustAnchors anchors() {
        return anchors;
    }

    public CryptoProvider crypto() {
        return crypto;
    }

    /**
     * Finds a valid path from {@code chain.get(0)} (the peer's end-entity certificate) to a trust anchor.
     *
     * @param chain   the peer's certificates as received, leaf first; the rest in any order
     * @param leafUse what the leaf's key will do (keyUsage)
     * @throws CertificateRejection if no path is valid
     */
    public ValidatedPath validate(List<X509Certificate> chain, ValidationPolicy policy, KeyUse leafUse) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(leafUse, "leafUse");
        if (chain == null || chain.isEmpty()) {
            throw new TlsAlertException(PeerMisbehaved.EMPTY_CERTIFICATE_LIST, "the peer sent no certificate (RFC 5246 §7.4.2)");
        }
        for (X509Certificate c : chain) {
            if (c == null) {
                throw CertificateRejection.ofChain(ChainProblem.MALFORMED, "the chain holds a missing certificate");
            }
        }
        ValidationRun run = new ValidationRun(policy, leafUse, crypto);
        List<X509Certificate> path = new PathBuilder(run, anchors, chain, p -> {
            try {
                checkPath(p, run);
            } catch (Der.Malformed e) {
                // Every extension is decoded (and converted) by ProfileRules first; this is a backstop.
                throw CertificateRejection.ofChain(ChainProblem.MALFORMED, "a certificate of the path cannot be"
                        + " decoded: " + e.getMessage() + " (RFC 5280 §4.1)");
            }
        }).build(chain.get(0));
        return new ValidatedPath(path, run.workDone(), run.signatureChecks());
    }

    /**
     * RFC 5280 §6.1.3/§6.1.4 over one complete path (leaf first, anchor last), processed from the
     * anchor down so that pathLenConstraint is counted as the RFC counts it. A path of one certificate
     * is a directly trusted leaf ({@link #checkDirectlyTrusted}).
     */
    private void checkPath(List<X509Certificate> path, ValidationRun run) {
        ValidationPolicy policy = run.policy;
        int n = path.size();
        if (n == 1) {
            checkDirectlyTrusted(run.facts(path.get(0), 0), run);
            return;
        }
        Instant now = policy.clock().instant();
        List<CertificateFacts> facts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            facts.add(run.facts(path.get(i), i));
        }
        checkDepth(facts, policy);
        // RFC 5280 §6.1.2 (k) max_path_length; the anchor's own pathLenConstraint is honoured too.
        int remaining = Integer.MAX_VALUE;
        // Each CA's nameConstraints, decoded once (at first use) for all the certificates below it.
        NameConstraints[] constraints = new NameConstraints[n];
        for (int i = n - 1; i >= 0; i--) {
            X509Certificate cert = path.get(i);
            CertificateFacts f = facts.get(i);
            ProfileRules.Role role = i == n - 1 ? ProfileRules.Role.ANCHOR
                    : i == 0 ? ProfileRules.Role.END_ENTITY : ProfileRules.Role.INTERMEDIATE;
            ProfileRules.check(f, i, role, policy);
            if (role != ProfileRules.Role.ANCHOR) {
                run.checkSignature(cert, i, path.get(i + 1));
                checkKeyIdentifiers(f, facts.get(i + 1), i);
            } else if (policy.isWebPki() && f.version == 3) {
                // A version 1 anchor cannot carry extensions: it is trusted as configured.
                WebPkiRules.checkAnchor(f, i, policy);
            }
            checkValidity(cert, i, now);
            if (i > 0) {
                remaining = checkIssuer(f, i, role, remaining, policy);
            }
            checkNameConstraints(f, i, facts, constraints);
            if (i == 0) {
                checkLeaf(f, run.leafUse, policy);
            }
        }
        PolicyTree.check(facts);
        revocation.check(facts, run);
    }

    /**
     * RFC 5280 §4.2.1.9: self-issued intermediates (key rollover) are not counted; the policy's maximum
     * is a number of intermediates, as OpenSSL's verify depth and Go's and NSS's limits are.
     */
    private static void checkDepth(List<CertificateFacts> facts, ValidationPolicy policy) {
        int counted = 0;
        for (int i = 1; i < facts.size() - 1; i++) {
            if (!facts.get(i).selfIssued()) {
                counted++;
            }
        }
        if (counted > policy.maxIntermediates()) {
            throw CertificateRejection.of(ChainProblem.PATH_TOO_LONG, facts.get(0).cert, 0, "the path has "
                    + counted + " intermediate CAs (self-issued ones not counted, RFC 5280 §4.2.1.9); the"
                    + " policy allows at most " + policy.maxIntermediates());
        }
    }

    /**
     * The leaf is itself a trust anchor, byte for byte (as curl, OpenSSL, Go and SunJSSE accept a
     * trusted self-signed server certificate). It is trusted as configured, so the CA rules
     * (basicConstraints, key identifiers, the Web PKI profile and EKU rules) do not apply; what still
     * does: its validity period (RFC 5280 §6.1.3 (a)(2)), the policy's algorithms for its own signature
     * and its key (CA/B Forum BR §6.1.5, §7.1.3.2), unknown critical extensions (RFC 5280 §4.2), the
     * encoding of what is read, keyUsage for what the handshake does with the key (§4.2.1.3), and
     * extendedKeyUsage if present under RFC 5280's rule (§4.2.1.12: the purpose or
     * anyExtendedKeyUsage). The host name is checked by the caller as for any leaf.
     */
    private static void checkDirectlyTrusted(CertificateFacts f, ValidationRun run) {
        ProfileRules.check(f, 0, ProfileRules.Role.ANCHOR, run.policy);
        run.checkSignatureAlgorithm(f.cert, 0);
        checkValidity(f.cert, 0, run.policy.clock().instant());
        checkKeyUsage(f, run.leafUse);
        checkRfc5280Eku(f, run.policy);
    }

    /** RFC 5280 §4.2.1.1: the AKI keyIdentifier, when both are present, is the issuer's SKI. */
    private static void checkKeyIdentifiers(CertificateFacts child, CertificateFacts issuer, int position) {
        byte[] aki = child.authorityKeyId();
        byte[] ski = issuer.subjectKeyId();
        if (aki != null && ski != null && !Arrays.equals(aki, ski)) {
            throw ProfileRules.profile(child, position, "its authorityKeyIdentifier does not match the"
                    + " subjectKeyIdentifier of its issuer '" + CertificateRejection.name(issuer.cert.getSubjectX500Principal())
                    + "' (RFC 5280 §4.2.1.1)");
        }
    }

    /**
     * RFC 5280 §6.1.3 (a)(2): the certificate is valid at the policy's clock. §4.1.2.5: the period runs
     * "from notBefore through notAfter, inclusive", and its times have whole seconds, so the clock is
     * compared at that granularity (floored): notAfter 12:00:00Z still holds at 12:00:00.005Z, as the
     * Web PKI reads it.
     */
    private static void checkValidity(X509Certificate cert, int position, Instant clock) {
        Instant now = clock.truncatedTo(ChronoUnit.SECONDS);
        Instant notBefore = cert.getNotBefore().toInstant();
        Instant notAfter = cert.getNotAfter().toInstant();
        if (now.isBefore(notBefore)) {
            throw CertificateRejection.of(ChainProblem.NOT_YET_VALID, cert, position, "it is not valid before "
                    + notBefore + " (now " + now + "; RFC 5280 §6.1.3 (a)(2))");
        }
        if (now.isAfter(notAfter)) {
            throw CertificateRejection.of(ChainProblem.EXPIRED, cert, position, "it expired at " + notAfter
                    + " (now " + now + "; RFC 5280 §6.1.3 (a)(2))");
        }
    }

    /**
     * The certificate at {@code position} > 0 issued the one below it: RFC 5280 §6.1.4 (k) cA, (l)/(m)
     * path length, (n) keyCertSign; §4.2.1.9 basicConstraints critical; EKU chaining under the Web PKI.
     *
     * @return max_path_length for the certificates below
     */
    private static int checkIssuer(CertificateFacts f, int position, ProfileRules.Role role, int remaining,
                                   ValidationPolicy policy) {
        CertificateFacts.BasicConstraints bc = f.basicConstraints();
        boolean[] ku = f.keyUsage();
        boolean anchor = role == ProfileRules.Role.ANCHOR;
        // A version 1 anchor cannot carry basicConstraints and is trusted as a CA by configuration;
        // a version 3 one without it is not a CA (RFC 5280 §4.2.1.9; x509-limbo
        // rfc5280::root-missing-basic-constraints).
        if (bc == null && (!anchor || f.version == 3)) {
            throw notCa(f, position, "it issued a certificate but has no basicConstraints (RFC 5280 §6.1.4 (k))");
        }
        if (bc != null && !bc.ca()) {
            throw notCa(f, position, "it issued a certificate but basicConstraints says cA=false (RFC 5280 §6.1.4 (k))");
        }
        if (!anchor && !bc.critical()) {
            throw ProfileRules.profile(f, position, "basicConstraints of a CA is not critical (RFC 5280 §4.2.1.9)");
        }
        if (ku != null && !CertificateFacts.bit(ku, CertificateFacts.KU_KEY_CERT_SIGN)) {
            throw notCa(f, position, "it issued a certificate but keyUsage lacks keyCertSign (RFC 5280 §6.1.4 (n))");
        }
        if (ku == null && !anchor) {
            throw ProfileRules.profile(f, position, "a CA certificate has no keyUsage (RFC 5280 §4.2.1.3)");
        }
        if (policy.isWebPki() && !anchor) {
            WebPkiRules.checkIssuerEku(f, position, policy);
        }
        int max = remaining;
        if (!anchor && !f.selfIssued()) {
            if (max <= 0) {
                throw CertificateRejection.of(ChainProblem.PATH_TOO_LONG, f.cert, position, "it is one CA more"
                        + " than a pathLenConstraint above it allows (RFC 5280 §6.1.4 (l))");
            }
            if (max != Integer.MAX_VALUE) {
                max--;
            }
        }
        if (bc != null && bc.pathLen() >= 0 && bc.pathLen() < max) {
            max = bc.pathLen();
        }
        return max;
    }

    /** keyUsage for what the handshake does with the key, extendedKeyUsage for the policy's purpose. */
    private static void checkLeaf(CertificateFacts f, KeyUse use, ValidationPolicy policy) {
        checkKeyUsage(f, use);
        if (policy.isWebPki()) {
            WebPkiRules.checkLeafEku(f, policy);
            if (policy.purpose() == ValidationPolicy.Purpose.SERVER_AUTH) {
                // CA/B Forum BR §7.1.4.3 and §7.1.2.7.12 are rules for TLS server certificates.
                WebPkiRules.checkLeafNames(f);
            }
        } else {
            checkRfc5280Eku(f, policy);
        }
    }

    private static void checkKeyUsage(CertificateFacts f, KeyUse use) {
        boolean[] ku = f.keyUsage();
        if (ku != null) {
            int bit = use == KeyUse.DIGITAL_SIGNATURE ? CertificateFacts.KU_DIGITAL_SIGNATURE
                    : CertificateFacts.KU_KEY_ENCIPHERMENT;
            if (!CertificateFacts.bit(ku, bit)) {
                throw CertificateRejection.of(ChainProblem.KEY_USAGE, f.cert, 0, "keyUsage lacks "
                        + (use == KeyUse.DIGITAL_SIGNATURE ? "digitalSignature" : "keyEncipherment")
                        + ", which the negotiated use of the key needs (RFC 5280 §4.2.1.3, RFC 5246 §7.4.2)");
            }
        }
    }

    /** RFC 5280 §4.2.1.12: no EKU means any purpose; otherwise the purpose or anyExtendedKeyUsage. */
    private static void checkRfc5280Eku(CertificateFacts f, ValidationPolicy policy) {
        List<String> eku = f.extendedKeyUsage();
        if (eku != null && !eku.contains(policy.purpose().oid()) && !eku.contains(ANY_EKU)) {
            throw CertificateRejection.of(ChainProblem.EXTENDED_KEY_USAGE, f.cert, 0, "its extendedKeyUsage "
                    + eku + " does not include " + policy.purpose() + " (RFC 5280 §4.2.1.12)");
        }
    }

    /**
     * RFC 5280 §6.1.3 (b)/(c) for the certificate at {@code position}: every CA above it in
     * {@code path} (the trust anchor last — the anchor's own nameConstraints are honoured) that
     * carries nameConstraints restricts its subject DN and subjectAltName entries. A self-issued
     * certificate that is not the leaf is exempt ({@code position > 0 && selfIssued}, RFC 5280
     * §6.1.3 (b)). {@code decoded} caches each carrier's decoded constraints for this path.
     */
    private static void checkNameConstraints(CertificateFacts cert, int position, List<CertificateFacts> path,
                                             NameConstraints[] decoded) {
        if (position > 0 && cert.selfIssued()) {
            return;
        }
        for (int j = position + 1; j < path.size(); j++) {
            CertificateFacts ca = path.get(j);
            CertificateFacts.Extension ext = ca.extension(CertificateFacts.NAME_CONSTRAINTS);
            if (ext != null) {
                if (decoded[j] == null) {
                    decoded[j] = NameConstraints.decode(ext.value(), ca.cert, j);
                }
                // The subject name is checked on every certificate but a self-issued intermediate
                // (excluded above), SANs always (§6.1.3 (b)/(c)).
                decoded[j].check(cert, position, true);
            }
        }
    }

    private static CertificateRejection notCa(CertificateFacts f, int position, String why) {
        return CertificateRejection.of(ChainProblem.NOT_A_CA, f.cert, position, why);
    }

}
