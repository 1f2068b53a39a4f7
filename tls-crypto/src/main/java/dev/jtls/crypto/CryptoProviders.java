package dev.jtls.crypto;

import dev.jtls.crypto.bc.BcBackend;
import dev.jtls.crypto.jca.JcaBackend;
import java.security.SecureRandom;

/** Where providers come from. */
public final class CryptoProviders {
    private CryptoProviders() {
    }

    /** Bouncy Castle's lightweight API (engines, digests, curves); never its JCA provider. */
    public static CryptoProvider bouncyCastle() {
        return BcBackend.create(new SecureRandom());
    }

    public static CryptoProvider bouncyCastle(SecureRandom random) {
        return BcBackend.create(random);
    }

    /** The JDK's own providers (SunJCE, SunEC, SunRsaSign, XDH, EdDSA). */
    public static CryptoProvider jca() {
        return JcaBackend.create(new SecureRandom());
    }

    public static CryptoProvider jca(SecureRandom random) {
        return JcaBackend.create(random);
    }

    /** Per primitive, the faster backend as measured by the benchmarks (see {@link DefaultCryptoProvider}). */
    public static CryptoProvider defaults() {
        return defaults(new SecureRandom());
    }

    public static CryptoProvider defaults(SecureRandom random) {
        return DefaultCryptoProvider.create(BcBackend.create(random), JcaBackend.create(random));
    }
}
