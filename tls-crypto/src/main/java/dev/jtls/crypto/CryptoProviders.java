package dev.jtls.crypto;

import dev.jtls.crypto.bc.BcCryptoProvider;
import dev.jtls.crypto.jca.JcaCryptoProvider;
import java.security.SecureRandom;

/** Where providers come from. */
public final class CryptoProviders {
    private CryptoProviders() {
    }

    /** Bouncy Castle's lightweight API (engines, digests, curves); never its JCA provider. */
    public static CryptoProvider bouncyCastle() {
        return new BcCryptoProvider(new SecureRandom());
    }

    public static CryptoProvider bouncyCastle(SecureRandom random) {
        return new BcCryptoProvider(random);
    }

    /** The JDK's own providers (SunJCE, SunEC, SunRsaSign, XDH, EdDSA). */
    public static CryptoProvider jca() {
        return new JcaCryptoProvider(new SecureRandom());
    }

    public static CryptoProvider jca(SecureRandom random) {
        return new JcaCryptoProvider(random);
    }

    /** Per primitive, the faster backend as measured by the benchmarks (see {@link DefaultCryptoProvider}). */
    public static CryptoProvider defaults() {
        return defaults(new SecureRandom());
    }

    public static CryptoProvider defaults(SecureRandom random) {
        return new DefaultCryptoProvider(new BcCryptoProvider(random), new JcaCryptoProvider(random));
    }
}
