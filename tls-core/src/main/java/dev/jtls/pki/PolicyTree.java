package dev.jtls.pki;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Certificate policies (RFC 5280 §6.1.2 (a)/(d)–(f), §6.1.3 (d)–(f), §6.1.4 (a)–(j), §6.1.5 (a)/(b),
 * (g)) for jtls's only user-initial-policy-set, any-policy, with initial-explicit-policy,
 * initial-policy-mapping-inhibit and initial-any-policy-inhibit all unset (what TLS clients use).
 * With any-policy as the user's set, the valid_policy_tree matters only through whether it is empty
 * when explicit_policy reaches 0, so the tree is kept as the set of expected policy identifiers at
 * the current depth (the expected_policy_set of its leaves, anyPolicy included): each certificate's
 * certificatePolicies intersect it (§6.1.3 (d)), anyPolicy matching per inhibit_anyPolicy,
 * policyMappings replace issuer-domain policies by subject-domain ones (§6.1.4 (b)) or delete them
 * when policy_mapping is 0, and no certificatePolicies empties it (§6.1.3 (e)). A path whose
 * explicit_policy reaches 0 with an empty set is refused.
 *
 * <p>{@link #checkEncoding} decodes the four extensions of every non-anchor certificate: a
 * malformed one is refused, and so is a policyConstraints or inhibitAnyPolicy that is not critical
 * (RFC 5280 §4.2.1.11, §4.2.1.14: "Conforming CAs MUST mark this extension as critical").
 */
final class PolicyTree {
    static final String ANY_POLICY = "2.5.29.32.0";

    private PolicyTree() {
    }

    /** policyConstraints (RFC 5280 §4.2.1.11): each -1 when absent. */
    private record Constraints(int requireExplicitPolicy, int inhibitPolicyMapping) {
    }

    /** Decodes the policy extensions of a certificate (not a trust anchor); throws Der.Malformed or a rejection. */
    static void checkEncoding(CertificateFacts f, int position) {
        policies(f);
        mappings(f);
        CertificateFacts.Extension pc = f.extension(CertificateFacts.POLICY_CONSTRAINTS);
        if (pc != null) {
            constraints(pc);
            if (!pc.critical()) {
                throw ProfileRules.profile(f, position, "policyConstraints is not critical (RFC 5280 §4.2.1.11)");
            }
        }
        CertificateFacts.Extension iap = f.extension(CertificateFacts.INHIBIT_ANY_POLICY);
        if (iap != null) {
            skipCerts(iap);
            if (!iap.critical()) {
                throw ProfileRules.profile(f, position, "inhibitAnyPolicy is not critical (RFC 5280 §4.2.1.14)");
            }
        }
    }

    /**
     * RFC 5280 §6.1 policy processing over a path (leaf first, anchor last; the anchor's own
     * extensions are not part of the algorithm, §6.1.1 (d)).
     *
     * @throws CertificateRejection PROFILE naming the leaf when an explicit policy is required and
     *                              no policy is valid for the whole path
     */
    static void check(List<CertificateFacts> path) {
        int n = path.size() - 1; // certificates processed, the anchor excluded
        int explicitPolicy = n + 1;
        int inhibitAnyPolicy = n + 1;
        int policyMapping = n + 1;
        Set<String> expected = new HashSet<>(Set.of(ANY_POLICY));
        CertificateFacts requiredBy = null;
        for (int i = n - 1; i >= 0; i--) {
            CertificateFacts f = path.get(i);
            boolean last = i == 0;
            boolean selfIssuedCa = !last && f.selfIssued();
            Set<String> asserted = policies(f);
            // §6.1.3 (d)/(e)
            if (expected != null) {
                expected = asserted == null ? null
                        : intersect(expected, asserted, inhibitAnyPolicy > 0 || selfIssuedCa);
            }
            // §6.1.3 (f)
            if (explicitPolicy == 0 && expected == null) {
                throw noPolicy(path.get(0), requiredBy);
            }
            if (last) {
                // §6.1.5 (a)/(b)
                if (explicitPolicy > 0) {
                    explicitPolicy--;
                }
                Constraints c = constraints(f);
                if (c != null && c.requireExplicitPolicy() == 0) {
                    explicitPolicy = 0;
                    requiredBy = f;
                }
                break;
            }
            // §6.1.4 (a)/(b): policy mappings
            List<String[]> mapped = mappings(f);
            if (expected != null && !mapped.isEmpty()) {
                expected = map(expected, mapped, policyMapping > 0);
            }
            // §6.1.4 (h)
            if (!f.selfIssued()) {
                explicitPolicy = Math.max(0, explicitPolicy - 1);
                policyMapping = Math.max(0, policyMapping - 1);
                inhibitAnyPolicy = Math.max(0, inhibitAnyPolicy - 1);
            }
            // §6.1.4 (i)/(j)
            Constraints c = constraints(f);
            if (c != null && c.requireExplicitPolicy() >= 0 && c.requireExplicitPolicy() < explicitPolicy) {
                explicitPolicy = c.requireExplicitPolicy();
                requiredBy = f;
            }
            if (c != null && c.inhibitPolicyMapping() >= 0 && c.inhibitPolicyMapping() < policyMapping) {
                policyMapping = c.inhibitPolicyMapping();
            }
            CertificateFacts.Extension iap = f.extension(CertificateFacts.INHIBIT_ANY_POLICY);
            if (iap != null) {
                inhibitAnyPolicy = Math.min(inhibitAnyPolicy, skipCerts(iap));
            }
        }
        // §6.1.5 (g): the path is valid if explicit_policy > 0 or the tree is not NULL.
        if (explicitPolicy == 0 && (expected == null || expected.isEmpty())) {
            throw noPolicy(path.get(0), requiredBy);
        }
    }

    private static CertificateRejection noPolicy(CertificateFacts leaf, CertificateFacts requiredBy) {
        return ProfileRules.profile(leaf, 0, "no certificate policy is valid for the whole path, and "
                + (requiredBy == null ? "a CA" : "'" + CertificateRejection.name(requiredBy.cert.getSubjectX500Principal())
                + "'") + " requires an explicit policy (RFC 5280 §4.2.1.11, §6.1.5 (g))");
    }

    /** The policies valid below a certificate asserting {@code asserted}; null when none. */
    private static Set<String> intersect(Set<String> expected, Set<String> asserted, boolean anyAllowed) {
        Set<String> out = new LinkedHashSet<>();
        boolean expectedAny = expected.contains(ANY_POLICY);
        boolean assertedAny = asserted.contains(ANY_POLICY) && anyAllowed;
        for (String p : asserted) {
            if (!p.equals(ANY_POLICY) && (expectedAny || expected.contains(p))) {
                out.add(p);
            }
        }
        if (assertedAny) {
            for (String p : expected) {
                out.add(p);
            }
        }
        if (!assertedAny) {
            out.remove(ANY_POLICY);
        }
        return out.isEmpty() ? null : out;
    }

    /** §6.1.4 (b)(1)/(2): issuer-domain policies become their subject-domain ones, or go. */
    private static Set<String> map(Set<String> expected, List<String[]> mappings, boolean mappingAllowed) {
        Set<String> out = new LinkedHashSet<>(expected);
        for (String[] m : mappings) {
            out.remove(m[0]);
        }
        if (mappingAllowed) {
            for (String[] m : mappings) {
                if (expected.contains(m[0]) || expected.contains(ANY_POLICY)) {
                    out.add(m[1]);
                }
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** certificatePolicies (RFC 5280 §4.2.1.4): the policy OIDs, or null when absent. */
    private static Set<String> policies(CertificateFacts f) {
        CertificateFacts.Extension e = f.extension(CertificateFacts.CERTIFICATE_POLICIES);
        if (e == null) {
            return null;
        }
        Der r = Der.single(e.value()).reader();
        Set<String> out = new LinkedHashSet<>();
        while (r.hasMore()) {
            Der info = r.readSequence();
            String oid = info.readOid();
            if (info.hasMore()) {
                Der qualifiers = info.readSequence();
                if (!qualifiers.hasMore()) {
                    throw new Der.Malformed("certificatePolicies has an empty policyQualifiers (SIZE (1..MAX))");
                }
                while (qualifiers.hasMore()) {
                    Der q = qualifiers.readSequence();
                    q.readOid();
                    if (q.hasMore()) {
                        q.read();
                    }
                    q.expectEnd();
                }
            }
            info.expectEnd();
            if (!out.add(oid)) {
                throw new Der.Malformed("certificatePolicies lists " + oid + " twice (RFC 5280 §4.2.1.4)");
            }
        }
        if (out.isEmpty()) {
            throw new Der.Malformed("certificatePolicies has no policy (SIZE (1..MAX))");
        }
        return out;
    }

    /** policyMappings (RFC 5280 §4.2.1.5): {issuerDomainPolicy, subjectDomainPolicy} pairs. */
    private static List<String[]> mappings(CertificateFacts f) {
        CertificateFacts.Extension e = f.extension(CertificateFacts.POLICY_MAPPINGS);
        if (e == null) {
            return List.of();
        }
        Der r = Der.single(e.value()).reader();
        List<String[]> out = new java.util.ArrayList<>();
        while (r.hasMore()) {
            Der m = r.readSequence();
            String[] pair = {m.readOid(), m.readOid()};
            m.expectEnd();
            // §6.1.4 (a): "verify that the special value anyPolicy does not appear as an
            // issuerDomainPolicy or a subjectDomainPolicy".
            if (pair[0].equals(ANY_POLICY) || pair[1].equals(ANY_POLICY)) {
                throw new Der.Malformed("policyMappings maps anyPolicy (RFC 5280 §6.1.4 (a))");
            }
            out.add(pair);
        }
        if (out.isEmpty()) {
            throw new Der.Malformed("policyMappings is empty (SIZE (1..MAX))");
        }
        return out;
    }

    private static Constraints constraints(CertificateFacts f) {
        CertificateFacts.Extension e = f.extension(CertificateFacts.POLICY_CONSTRAINTS);
        return e == null ? null : constraints(e);
    }

    /** PolicyConstraints ::= SEQUENCE { requireExplicitPolicy [0] SkipCerts OPTIONAL, inhibitPolicyMapping [1] ... }. */
    private static Constraints constraints(CertificateFacts.Extension e) {
        Der r = Der.single(e.value()).reader();
        int require = -1;
        int inhibit = -1;
        if (r.hasMore() && r.peekTag() == 0x80) {
            require = skipCerts(r.read());
        }
        if (r.hasMore() && r.peekTag() == 0x81) {
            inhibit = skipCerts(r.read());
        }
        r.expectEnd();
        if (require < 0 && inhibit < 0) {
            // RFC 5280 §4.2.1.11: "Conforming CAs MUST NOT issue certificates where policy constraints
            // is an empty sequence."
            throw new Der.Malformed("policyConstraints is an empty sequence (RFC 5280 §4.2.1.11)");
        }
        return new Constraints(require, inhibit);
    }

    private static int skipCerts(CertificateFacts.Extension e) {
        Der.Element el = Der.single(e.value());
        if (el.tag() != Der.INTEGER) {
            throw new Der.Malformed("inhibitAnyPolicy is not an INTEGER (RFC 5280 §4.2.1.14)");
        }
        return skipCerts(el);
    }

    /** SkipCerts ::= INTEGER (0..MAX), here also as an implicitly tagged [0]/[1]. */
    private static int skipCerts(Der.Element e) {
        BigInteger n = Der.integer(new Der.Element(Der.INTEGER, e.source(), e.offset(), e.length(), e.headerOffset()));
        if (n.signum() < 0) {
            throw new Der.Malformed("a SkipCerts value is negative (RFC 5280 §4.2.1.11)");
        }
        return n.bitLength() > 30 ? Integer.MAX_VALUE : n.intValue();
    }
}
