package dev.jtls.handshake.server;

import dev.jtls.pki.CertifiedKey;
import java.security.cert.CertificateParsingException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Whether the server's certificates name an SNI host (RFC 6066 §3), by subjectAltName DNS entries. */
final class ServerNames {
    private static final int SAN_DNS = 2;

    private ServerNames() {
    }

    static boolean anyNames(List<CertifiedKey> keys, String host) {
        for (CertifiedKey k : keys) {
            if (names(k, host)) {
                return true;
            }
        }
        return false;
    }

    /** RFC 6125 §6.4: exact match, or a wildcard standing for the whole left-most label. */
    static boolean names(CertifiedKey key, String host) {
        String h = host.toLowerCase(Locale.ROOT);
        Collection<List<?>> sans;
        try {
            sans = key.leaf().getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (sans == null) {
            return false;
        }
        for (List<?> san : sans) {
            if ((Integer) san.get(0) != SAN_DNS) {
                continue;
            }
            String pattern = String.valueOf(san.get(1)).toLowerCase(Locale.ROOT);
            if (pattern.equals(h)) {
                return true;
            }
            int dot = h.indexOf('.');
            if (pattern.startsWith("*.") && dot > 0 && h.substring(dot).equals(pattern.substring(1))) {
                return true;
            }
        }
        return false;
    }
}
