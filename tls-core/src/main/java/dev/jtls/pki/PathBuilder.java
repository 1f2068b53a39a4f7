package dev.jtls.pki;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.security.auth.x500.X500Principal;

/**
 * Builds certification paths from the leaf to a trust anchor (RFC 4158 in spirit): the peer's list
 * is a bag of candidates, not a path, so it may be out of order, hold duplicates and unrelated
 * certificates, or leave out intermediates that the trust store has. Depth-first with backtracking:
 * at each certificate, every anchor and every peer certificate whose subject is the certificate's
 * issuer name (RFC 5280 §6.1 name chaining) is a candidate, trust anchors first and, among equals,
 * those whose subjectKeyIdentifier matches the authorityKeyIdentifier; a candidate is followed only
 * if its key verifies the signature. Each candidate and each signature spends a unit of the
 * policy's work budget, so a peer cannot make the search explode (100 intermediates that share one
 * name end in WORK_LIMIT or PATH_TOO_LONG within milliseconds); recursion depth is bounded by the
 * maximum chain length.
 *
 * <p>Every complete path (ending at an anchor) is handed to the path check; the first that passes is
 * the result. When none does, the failure of the most complete attempt is reported: a path that
 * reached an anchor beats one that did not, a longer attempt beats a shorter one.
 */
final class PathBuilder {
    private final ValidationRun run;
    private final TrustAnchors anchors;
    private final Map<X500Principal, List<X509Certificate>> peerBySubject = new HashMap<>();
    private final Consumer<List<X509Certificate>> pathCheck;
    private CertificateRejection best;
    private int bestRank = Integer.MIN_VALUE;

    /**
     * @param pathCheck called with each complete path (leaf first, anchor last); throws
     *                  {@link CertificateRejection} to refuse it
     */
    PathBuilder(ValidationRun run, TrustAnchors anchors, List<X509Certificate> peer,
                Consumer<List<X509Certificate>> pathCheck) {
        this.run = run;
        this.anchors = anchors;
        this.pathCheck = pathCheck;
        for (int i = 1; i < peer.size(); i++) {
            X509Certificate c = peer.get(i);
            List<X509Certificate> same = peerBySubject.computeIfAbsent(c.getSubjectX500Principal(),
                    k -> new ArrayList<>());
            if (!same.contains(c)) {
                same.add(c);
            }
        }
    }

    /** The first path that passes the check, leaf first and anchor last. */
    List<X509Certificate> build(X509Certificate leaf) {
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        try {
            List<X509Certificate> found = search(path);
            if (found != null) {
                return found;
            }
        } catch (ValidationRun.WorkLimit e) {
            String closest = best == null ? "" : "; the most complete path failed with: " + best.getMessage();
            throw CertificateRejection.ofChain(ChainProblem.WORK_LIMIT, e.getMessage() + closest);
        }
        throw best;
    }

    private List<X509Certificate> search(List<X509Certificate> path) {
        int position = path.size() - 1;
        X509Certificate current = path.get(position);
        if (anchors.contains(current)) {
            try {
                pathCheck.accept(path);
                return List.copyOf(path);
            } catch (CertificateRejection e) {
                // A path that reached an anchor is the most informative failure there is.
                record(e, 1000 + path.size());
                return null;
            }
        }
        List<X509Certificate> candidates;
        try {
            candidates = candidates(current, position, path);
        } catch (CertificateRejection e) {
            record(e, path.size());
            return null;
        }
        if (candidates.isEmpty()) {
            String why = current.getIssuerX500Principal().equals(current.getSubjectX500Principal())
                    ? "no path to a trust anchor: it is self-issued and not a trust anchor (RFC 5280 §6.1)"
                    : "no path to a trust anchor: issuer '" + CertificateRejection.name(current.getIssuerX500Principal())
                            + "' not found in the chain or trust store (RFC 5280 §6.1)";
            record(CertificateRejection.of(ChainProblem.UNKNOWN_ISSUER, current, position, why), path.size());
            return null;
        }
        // Self-issued intermediates do not count toward the maximum (RFC 5280 §4.2.1.9), but the search
        // depth is still bounded: at most as many of them as counted ones.
        boolean full = countedIntermediates(path) >= run.policy.maxIntermediates();
        if (full && candidates.stream().noneMatch(anchors::contains)) {
            record(CertificateRejection.of(ChainProblem.PATH_TOO_LONG, current, position, "the path to a trust"
                    + " anchor would have more than the maximum of " + run.policy.maxIntermediates()
                    + " intermediate CAs (RFC 5280 §4.2.1.9; self-issued ones not counted)"), path.size() + 1);
            return null;
        }
        if (path.size() > 2 * run.policy.maxIntermediates() + 1) {
            record(CertificateRejection.of(ChainProblem.PATH_TOO_LONG, current, position, "the path to a trust"
                    + " anchor would be longer than " + (2 * run.policy.maxIntermediates() + 2) + " certificates"),
                    path.size() + 1);
            return null;
        }
        for (X509Certificate candidate : candidates) {
            if (full && !anchors.contains(candidate) && !selfIssued(candidate)) {
                continue;
            }
            run.spend("candidate issuer '" + CertificateRejection.name(candidate.getSubjectX500Principal()) + "' of "
                    + CertificateRejection.describe(current, position));
            try {
                run.checkSignature(current, position, candidate);
            } catch (CertificateRejection e) {
                record(e, path.size() + 1);
                continue;
            }
            path.add(candidate);
            List<X509Certificate> found = search(path);
            if (found != null) {
                return found;
            }
            path.remove(path.size() - 1);
        }
        return null;
    }

    /** Intermediates on the path so far (the leaf excluded), not counting self-issued ones. */
    private static int countedIntermediates(List<X509Certificate> path) {
        int n = 0;
        for (int i = 1; i < path.size(); i++) {
            if (!selfIssued(path.get(i))) {
                n++;
            }
        }
        return n;
    }

    private static boolean selfIssued(X509Certificate c) {
        return c.getIssuerX500Principal().equals(c.getSubjectX500Principal());
    }

    /**
     * Anchors, then peer certificates, named as the issuer of {@code current}, not already on the path;
     * within each group those whose SKI equals current's AKI keyIdentifier first, those whose SKI
     * differs last (still tried: the mismatch is then reported as a profile error of that path).
     */
    private List<X509Certificate> candidates(X509Certificate current, int position, List<X509Certificate> path) {
        X500Principal issuer = current.getIssuerX500Principal();
        byte[] aki;
        try {
            aki = run.facts(current, position).authorityKeyId();
        } catch (Der.Malformed e) {
            aki = null; // reported as MALFORMED when a complete path is checked
        }
        Set<X509Certificate> ordered = new LinkedHashSet<>();
        List<X509Certificate> fromAnchors = anchors.bySubject(issuer);
        List<X509Certificate> fromPeer = peerBySubject.getOrDefault(issuer, List.of());
        for (int rank = 0; rank < 3; rank++) {
            addRanked(ordered, fromAnchors, aki, rank, position);
            addRanked(ordered, fromPeer, aki, rank, position);
        }
        ordered.removeAll(path);
        // A peer copy of an anchor is the anchor: keep one entry (Set equality is by encoding).
        return new ArrayList<>(ordered);
    }

    private void addRanked(Set<X509Certificate> out, List<X509Certificate> certs, byte[] aki, int rank, int position) {
        for (X509Certificate c : certs) {
            if (keyIdRank(c, aki, position + 1) == rank) {
                out.add(c);
            }
        }
    }

    /** 0: SKI equals AKI; 1: one of them unknown; 2: they differ. */
    private int keyIdRank(X509Certificate candidate, byte[] aki, int position) {
        if (aki == null) {
            return 1;
        }
        byte[] ski;
        try {
            ski = run.facts(candidate, position).subjectKeyId();
        } catch (CertificateRejection | Der.Malformed e) {
            return 1; // reported when the path including it is checked
        }
        if (ski == null) {
            return 1;
        }
        return Arrays.equals(aki, ski) ? 0 : 2;
    }

    private void record(CertificateRejection e, int rank) {
        if (rank > bestRank) {
            best = e;
            bestRank = rank;
        }
    }
}
