package dev.jtls.cli;

import dev.jtls.pki.ServerCheck;
import dev.jtls.pki.TrustVerifier;
import dev.jtls.record.TlsAlertException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Wraps the client's verifier to put its verdict on the ladder: the decision is the wrapped
 * verifier's alone; this only reports it. One connection at a time (the command line's case).
 */
final class ReportingTrust implements TrustVerifier {
    private final TrustVerifier delegate;
    private final Set<X509Certificate> trusted;
    private volatile Ladder ladder;

    ReportingTrust(TrustVerifier delegate, Collection<X509Certificate> trusted) {
        this.delegate = delegate;
        this.trusted = Set.copyOf(trusted);
    }

    /** Where the next connection's verdict goes (null: nowhere). */
    void reportTo(Ladder ladder) {
        this.ladder = ladder;
    }

    @Override
    public void verifyServer(List<X509Certificate> chain, ServerCheck check) {
        String hostName = check.hostName();
        try {
            delegate.verifyServer(chain, check);
        } catch (TlsAlertException e) {
            report("verification", "FAILED (" + e.description().rfcName() + "): " + e.getMessage());
            throw e;
        }
        boolean direct = trusted.contains(chain.get(0));
        report("verification", (direct ? "ok: the certificate is itself trusted (direct trust)"
                : "ok: chain leads to trusted '" + anchor(chain) + "'")
                + (hostName == null ? ", no host name to check" : ", certificate names host '" + hostName + "'"));
    }

    @Override
    public void verifyClient(List<X509Certificate> chain) {
        delegate.verifyClient(chain);
    }

    /** The first trusted certificate of the chain, or the issuer of the last (a trusted CA not sent). */
    private String anchor(List<X509Certificate> chain) {
        for (X509Certificate c : chain) {
            if (trusted.contains(c)) {
                return c.getSubjectX500Principal().getName();
            }
        }
        return chain.get(chain.size() - 1).getIssuerX500Principal().getName();
    }

    private void report(String what, String details) {
        Ladder l = ladder;
        if (l != null) {
            l.note("client", what, details);
        }
    }
}
