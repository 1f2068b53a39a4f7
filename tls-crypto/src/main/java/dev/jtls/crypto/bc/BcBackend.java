package dev.jtls.crypto.bc;

import dev.jtls.crypto.Backend;
import java.security.SecureRandom;

/** Primitives from Bouncy Castle's lightweight API (never its JCA provider). */
public final class BcBackend {
    private BcBackend() {
    }

    /** A provider named "bc" whose randomness comes from {@code random}. */
    public static Backend create(SecureRandom random) {
        return new Backend("bc", random, BcHashes.INSTANCE, BcCiphers.INSTANCE, BcKeyShares.INSTANCE, new BcRsa(random),
                BcSignatures.INSTANCE);
    }
}
