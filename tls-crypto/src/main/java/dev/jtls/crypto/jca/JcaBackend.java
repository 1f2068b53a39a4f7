package dev.jtls.crypto.jca;

import dev.jtls.crypto.Backend;
import java.security.SecureRandom;

/** Primitives from the JDK's JCA providers (SunJCE, SunEC, SunRsaSign). */
public final class JcaBackend {
    private JcaBackend() {
    }

    /** A provider named "jca" whose randomness comes from {@code random}. */
    public static Backend create(SecureRandom random) {
        return new Backend("jca", random, JcaHashes.INSTANCE, JcaCiphers.INSTANCE, JcaKeyShares.INSTANCE,
                new JcaRsa(random), JcaSignatures.INSTANCE);
    }
}
