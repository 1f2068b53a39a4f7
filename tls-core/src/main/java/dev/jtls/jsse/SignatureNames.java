package dev.jtls.jsse;

import dev.jtls.crypto.SignatureScheme;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * JCA signature algorithm names for TLS signature schemes, as {@code ExtendedSSLSession} reports
 * them and SunJSSE's key and trust managers match certificate signatures against them.
 */
final class SignatureNames {
    /**
     * The last lists named, so that the sessions of one configuration (and of peers that offer the
     * same list) share one array instead of a copy each; {@link JtlsSSLSession} hands out clones.
     */
    private static final AtomicReferenceArray<Named> RECENT = new AtomicReferenceArray<>(8);

    private record Named(List<SignatureScheme> schemes, String[] names) {
    }

    private SignatureNames() {
    }

    /** The JCA names, duplicates dropped, in order; the array may be shared: never change it. */
    static String[] jcaNames(List<SignatureScheme> schemes) {
        int slot = schemes.hashCode() & (RECENT.length() - 1);
        Named recent = RECENT.get(slot);
        if (recent != null && recent.schemes().equals(schemes)) {
            return recent.names();
        }
        Set<String> names = new LinkedHashSet<>();
        for (SignatureScheme s : schemes) {
            names.add(jcaName(s));
        }
        String[] out = names.toArray(new String[0]);
        RECENT.set(slot, new Named(List.copyOf(schemes), out));
        return out;
    }

    static String jcaName(SignatureScheme s) {
        switch (s) {
            case RSA_PKCS1_SHA256:
                return "SHA256withRSA";
            case RSA_PKCS1_SHA384:
                return "SHA384withRSA";
            case RSA_PKCS1_SHA512:
                return "SHA512withRSA";
            case RSA_PSS_RSAE_SHA256:
            case RSA_PSS_RSAE_SHA384:
            case RSA_PSS_RSAE_SHA512:
                return "RSASSA-PSS";
            case ECDSA_SECP256R1_SHA256:
                return "SHA256withECDSA";
            case ECDSA_SECP384R1_SHA384:
                return "SHA384withECDSA";
            case ECDSA_SECP521R1_SHA512:
                return "SHA512withECDSA";
            case ED25519:
                return "Ed25519";
            default:
                return s.name();
        }
    }
}
