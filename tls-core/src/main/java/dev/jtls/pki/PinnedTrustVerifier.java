package dev.jtls.pki;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.message.PeerMisbehaved;
import dev.jtls.record.TlsAlertException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The simple verifier: trusts exactly a given set of certificates, each either a peer's leaf or a
 * CA that signed the peer's chain. Each certificate of the chain up to the trusted one must be
 * signed by the next and be valid now; the leaf must name the host as {@link HostnameVerifier}
 * decides (RFC 9525: subjectAltName DNS or IP, a wildcard only as the whole left-most label). For
 * tests and private deployments; the full RFC 5280 validator is {@code dev.jtls.pki}'s chain validator.
 *
 * <p>Revocation: a server's stapled OCSP response (RFC 6066 §8) is checked by
 * {@link OcspResponseVerifier} against the leaf's issuer — the next certificate of the chain, or the
 * trusted CA that signed the leaf — under a {@link RevocationPolicy} ({@link RevocationPolicy#SOFT_FAIL}
 * unless given). When the issuer is not known (a pinned leaf sent alone), a staple cannot be checked
 * and counts as missing.
 */
public final class PinnedTrustVerifier implements TrustVerifier {
    private final Set<X509Certificate> trusted;
    private final Clock clock;
    private final HostnameVerifier hostnames;
    private final RevocationPolicy revocation;
    private final CryptoProvider crypto;

    /** Checks host names with {@link HostnameVerifier#strict()}. */
    public PinnedTrustVerifier(Collection<X509Certificate> trusted, Clock clock) {
        this(trusted, clock, HostnameVerifier.strict());
    }

    /** Soft-fail revocation with {@link CryptoProviders#defaults()}. */
    public PinnedTrustVerifier(Collection<X509Certificate> trusted, Clock clock, HostnameVerifier hostnames) {
        this(trusted, clock, hostnames, RevocationPolicy.SOFT_FAIL, CryptoProviders.defaults());
    }

    /**
     * @param revocation what to do without a usable stapled OCSP response
     * @param crypto     verifies OCSP response signatures
     */
    public PinnedTrustVerifier(Collection<X509Certificate> trusted, Clock clock, HostnameVerifier hostnames,
                               RevocationPolicy revocation, CryptoProvider crypto) {
        this.trusted = Set.copyOf(trusted);
        this.clock = clock;
        this.hostnames = Objects.requireNonNull(hostnames, "hostnames");
        this.revocation = Objects.requireNonNull(revocation, "revocation");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
    }

    @Override
    public void verifyServer(List<X509Certificate> chain, ServerCheck check) {
        verifyChain(chain);
        if (check.hostName() != null) {
            hostnames.verify(chain.get(0), check.hostName());
        }
        X509Certificate issuer = verifiedIssuerOf(chain);
        if (issuer == null && check.stapledOcspResponse() != null && revocation == RevocationPolicy.HARD_FAIL) {
            throw CertificateRejection.of(ChainProblem.STATUS_UNKNOWN, chain.get(0), 0, "its issuer is not known, so "
                    + "the stapled OCSP response cannot be checked, and the revocation policy is HARD_FAIL");
        }
        byte[] staple = issuer == null ? null : check.stapledOcspResponse();
        OcspResponseVerifier.check(staple, chain.get(0), issuer, clock.instant(), revocation, crypto);
    }

    /** The certificate that signed the leaf: the next in the chain or a trusted CA; null if neither. */
    private X509Certificate verifiedIssuerOf(List<X509Certificate> chain) {
        X509Certificate leaf = chain.get(0);
        X509Certificate candidate = chain.size() > 1 ? chain.get(1) : null;
        if (candidate == null || !candidate.getSubjectX500Principal().equals(leaf.getIssuerX500Principal())) {
            candidate = trustedIssuerOf(leaf);
        }
        if (candidate == null) {
            return null;
        }
        try {
            leaf.verify(candidate.getPublicKey());
            return candidate;
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void verifyClient(List<X509Certificate> chain) {
        verifyChain(chain);
    }

    private void verifyChain(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new TlsAlertException(PeerMisbehaved.EMPTY_CERTIFICATE_LIST, "the peer sent no certificate");
        }
        Date now = Date.from(clock.instant());
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate cert = chain.get(i);
            checkValidity(cert, i, now);
            if (trusted.contains(cert)) {
                return;
            }
            X509Certificate issuer = i + 1 < chain.size() ? chain.get(i + 1) : trustedIssuerOf(cert);
            if (issuer == null) {
                throw new TlsAlertException(ChainProblem.UNKNOWN_ISSUER, "no path to a trusted certificate: issuer '"
                        + CertificateRejection.name(cert.getIssuerX500Principal()) + "' of certificate at position " + i
                        + " is neither in the chain nor trusted");
            }
            try {
                cert.verify(issuer.getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new TlsAlertException(ChainProblem.BAD_SIGNATURE, "certificate '"
                        + CertificateRejection.name(cert.getSubjectX500Principal()) + "' (position " + i
                        + ") is not signed by '" + CertificateRejection.name(issuer.getSubjectX500Principal()) + "'");
            }
            if (i + 1 == chain.size()) {
                // Signed by a trusted CA that the peer did not send.
                return;
            }
        }
    }

    private X509Certificate trustedIssuerOf(X509Certificate cert) {
        for (X509Certificate t : trusted) {
            if (t.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                return t;
            }
        }
        return null;
    }

    private static void checkValidity(X509Certificate cert, int position, Date now) {
        try {
            cert.checkValidity(now);
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new TlsAlertException(e instanceof CertificateExpiredException ? ChainProblem.EXPIRED
                    : ChainProblem.NOT_YET_VALID, "certificate '"
                    + CertificateRejection.name(cert.getSubjectX500Principal()) + "' (position " + position
                    + ") is not valid at " + now.toInstant() + ": valid " + cert.getNotBefore().toInstant()
                    + " to " + cert.getNotAfter().toInstant());
        }
    }
}
