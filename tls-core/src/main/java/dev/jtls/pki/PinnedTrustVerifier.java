package dev.jtls.pki;

import dev.jtls.record.AlertDescription;
import dev.jtls.record.TlsAlertException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The simple verifier: trusts exactly a given set of certificates, each either a peer's leaf or a
 * CA that signed the peer's chain. Each certificate of the chain up to the trusted one must be
 * signed by the next and be valid now; the leaf must name the host (subjectAltName DNS or IP,
 * a wildcard only as the whole left-most label). For tests and private deployments; the full
 * RFC 5280 validator is {@code dev.jtls.pki}'s chain validator.
 */
public final class PinnedTrustVerifier implements TrustVerifier {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private final Set<X509Certificate> trusted;
    private final Clock clock;

    public PinnedTrustVerifier(Collection<X509Certificate> trusted, Clock clock) {
        this.trusted = Set.copyOf(trusted);
        this.clock = clock;
    }

    @Override
    public void verifyServer(List<X509Certificate> chain, String hostName) {
        verifyChain(chain);
        if (hostName != null && !matchesHost(chain.get(0), hostName)) {
            throw new TlsAlertException(AlertDescription.BAD_CERTIFICATE, "certificate '"
                    + chain.get(0).getSubjectX500Principal().getName() + "' (position 0) does not match host '"
                    + hostName + "'");
        }
    }

    @Override
    public void verifyClient(List<X509Certificate> chain) {
        verifyChain(chain);
    }

    private void verifyChain(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new TlsAlertException(AlertDescription.BAD_CERTIFICATE, "the peer sent no certificate");
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
                throw new TlsAlertException(AlertDescription.UNKNOWN_CA, "no path to a trusted certificate: issuer '"
                        + cert.getIssuerX500Principal().getName() + "' of certificate at position " + i
                        + " is neither in the chain nor trusted");
            }
            try {
                cert.verify(issuer.getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new TlsAlertException(AlertDescription.BAD_CERTIFICATE, "certificate '"
                        + cert.getSubjectX500Principal().getName() + "' (position " + i
                        + ") is not signed by '" + issuer.getSubjectX500Principal().getName() + "'");
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
            throw new TlsAlertException(AlertDescription.CERTIFICATE_EXPIRED, "certificate '"
                    + cert.getSubjectX500Principal().getName() + "' (position " + position
                    + ") is not valid at " + now.toInstant() + ": valid " + cert.getNotBefore().toInstant()
                    + " to " + cert.getNotAfter().toInstant());
        }
    }

    /** RFC 6125 §6.4: subjectAltName DNS names, a wildcard only as the whole left-most label; IPs as IPs. */
    static boolean matchesHost(X509Certificate leaf, String hostName) {
        String host = hostName.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        boolean isIp = host.indexOf(':') >= 0 || host.matches("[0-9.]+");
        Collection<List<?>> sans;
        try {
            sans = leaf.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (sans == null) {
            return false;
        }
        for (List<?> san : sans) {
            int type = (Integer) san.get(0);
            String value = String.valueOf(san.get(1)).toLowerCase(Locale.ROOT);
            if (isIp && type == SAN_IP && sameAddress(value, host)) {
                return true;
            }
            if (!isIp && type == SAN_DNS && dnsMatches(value, host)) {
                return true;
            }
        }
        return false;
    }

    private static boolean dnsMatches(String pattern, String host) {
        if (!pattern.startsWith("*.")) {
            return pattern.equals(host);
        }
        String suffix = pattern.substring(1); // ".example.com"
        int firstDot = host.indexOf('.');
        // The wildcard stands for exactly one whole label, and never for a public-suffix-like "*.com".
        return firstDot > 0 && host.substring(firstDot).equals(suffix) && suffix.indexOf('.', 1) > 0;
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return java.util.Arrays.equals(java.net.InetAddress.getByName(a).getAddress(),
                    java.net.InetAddress.getByName(b).getAddress());
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
