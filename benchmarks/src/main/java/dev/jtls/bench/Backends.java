package dev.jtls.bench;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;

/** Maps the {@code backend} benchmark parameter to a provider. */
final class Backends {
    private Backends() {
    }

    static CryptoProvider of(String name) {
        switch (name) {
            case "bc":
                return CryptoProviders.bouncyCastle();
            case "jca":
                return CryptoProviders.jca();
            case "default":
                return CryptoProviders.defaults();
            default:
                throw new IllegalArgumentException("unknown backend " + name + " (bc, jca, default)");
        }
    }
}
