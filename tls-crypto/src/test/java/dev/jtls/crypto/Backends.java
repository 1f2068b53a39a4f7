package dev.jtls.crypto;

import java.util.List;

/** The providers every known-answer and Wycheproof test runs against. */
public final class Backends {
    private Backends() {
    }

    public static List<CryptoProvider> all() {
        return List.of(CryptoProviders.bouncyCastle(), CryptoProviders.jca(), CryptoProviders.defaults());
    }
}
