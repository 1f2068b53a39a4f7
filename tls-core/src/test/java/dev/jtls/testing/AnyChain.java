package dev.jtls.testing;

import dev.jtls.pki.ServerCheck;
import dev.jtls.pki.TrustVerifier;
import java.security.cert.X509Certificate;
import java.util.List;

/** Trusts every chain: for tests whose subject is not the certificate checks (they have their own). */
public final class AnyChain implements TrustVerifier {
    public static final AnyChain INSTANCE = new AnyChain();

    private AnyChain() {
    }

    @Override
    public void verifyServer(List<X509Certificate> chain, ServerCheck check) {
        // accepted
    }

    @Override
    public void verifyClient(List<X509Certificate> chain) {
        // accepted
    }
}
