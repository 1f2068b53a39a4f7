package dev.jtls.jsse;

import dev.jtls.crypto.SignatureScheme;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * JCA signature algorithm names for TLS signature schemes, as {@code ExtendedSSLSession} reports
 * them and SunJSSE's key and trust managers match certificate signatures against them.
 */
final class SignatureNames {
    private SignatureNames() {
    }

    static String[] jcaNames(List<SignatureScheme> schemes) {
        Set<String> names = new LinkedHashSet<>();
        for (SignatureScheme s : schemes) {
            names.add(jcaName(s));
        }
        return names.toArray(new String[0]);
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
