package dev.jtls.handshake;

import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.record.TlsAlertException;
import dev.jtls.suite.CipherSuite;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a server picks for a full handshake: suite, certificate, signature scheme and group
 * (RFC 5246 §7.4.1.3, RFC 8422 §5.1, RFC 6066 §3). A pure function of the server's configuration
 * and the client's offer.
 *
 * @param group  the ECDHE group; null for RSA key exchange
 * @param scheme the scheme that signs ServerKeyExchange; null for RSA key exchange
 */
public record ServerChoice(CipherSuite suite, CertifiedKey key, SignatureScheme scheme, NamedGroup group) {

    /**
     * The client's capabilities as its ClientHello stated them.
     *
     * @param cipherSuites     the offered suite code points, in the client's order
     * @param groups           supported_groups code points, or null if the extension was absent
     * @param signatureSchemes signature_algorithms code points, or null if the extension was absent
     * @param serverName       the SNI host name, or null
     */
    public record Offer(List<Integer> cipherSuites, List<Integer> groups, List<Integer> signatureSchemes,
                        String serverName) {
    }

    /**
     * The groups a ClientHello WITHOUT supported_groups is taken to support. RFC 8422 §4: a client
     * proposing ECC suites "may choose not to include these extensions. In this case, the server is
     * free to choose any one of the elliptic curves or point formats listed in Section 5"; jtls takes
     * secp256r1, the one curve every ECDHE client supports (RFC 8422 §5.1.1 lists it first; RFC 4492
     * practice; tlsfuzzer test-ecdhe-rsa-key-exchange.py "ECDHE w/o extension" expects success). A
     * list that is present but names nothing jtls knows still gets no ECDHE.
     */
    static final List<Integer> GROUPS_WHEN_ABSENT = List.of(NamedGroup.SECP256R1.code());

    /**
     * Picks in the server's order of suites. An ECDHE suite needs a group both sides support — a
     * client that sent supported_groups never gets a group it did not name; one that sent none gets
     * secp256r1 ({@link #GROUPS_WHEN_ABSENT}) — and a key whose signature scheme the client accepts.
     * A client without signature_algorithms accepts only SHA-1 signatures (RFC 5246 §7.4.1.4.1),
     * which jtls does not make (RFC 9155 §3: "If a client does not send a signature_algorithms
     * extension, then the server MUST abort the handshake and send a handshake_failure alert,
     * except when digital signatures are not used"): it gets RSA key exchange, which signs nothing,
     * or handshake_failure. Keys whose certificate names the SNI host are tried first, then the
     * others (a default certificate).
     *
     * @throws TlsAlertException a {@code PeerIncompatible} reason (handshake_failure), saying what the client offered
     */
    public static ServerChoice choose(List<CipherSuite> serverSuites, List<NamedGroup> serverGroups,
                                      List<SignatureScheme> serverSchemes, List<CertifiedKey> keys, Offer offer) {
        if (offer.groups() == null) {
            offer = new Offer(offer.cipherSuites(), GROUPS_WHEN_ABSENT, offer.signatureSchemes(), offer.serverName());
        }
        List<CertifiedKey> candidates = keysForName(keys, offer.serverName());
        for (CipherSuite suite : serverSuites) {
            if (!offer.cipherSuites().contains(suite.code())) {
                continue;
            }
            if (suite.keyExchange() == CipherSuite.KeyExchange.RSA) {
                for (CertifiedKey k : candidates) {
                    if (k.keyType() == CertifiedKey.KeyType.RSA) {
                        return new ServerChoice(suite, k, null, null);
                    }
                }
                continue;
            }
            NamedGroup group = sharedGroup(serverGroups, offer.groups());
            if (group == null || offer.signatureSchemes() == null) {
                continue;
            }
            for (CertifiedKey k : candidates) {
                if (k.keyType().authentication() != suite.authentication() || !curveAccepted(k, offer.groups())) {
                    continue;
                }
                SignatureScheme scheme = sharedScheme(k, serverSchemes, offer.signatureSchemes());
                if (scheme != null) {
                    return new ServerChoice(suite, k, scheme, group);
                }
            }
        }
        // RFC 9155 §3 (no signature_algorithms and no RSA key exchange possible) and RFC 5246
        // §7.4.1.3 (no suite in common): the refusal names which.
        throw NoCommonSuite.refusal(serverSuites, serverGroups, serverSchemes, keys, offer);
    }

    /** The first of the server's groups that the client named. */
    static NamedGroup sharedGroup(List<NamedGroup> serverGroups, List<Integer> clientGroups) {
        if (clientGroups == null) {
            return null;
        }
        for (NamedGroup g : serverGroups) {
            if (clientGroups.contains(g.code())) {
                return g;
            }
        }
        return null;
    }

    /** The key's first scheme that the server enabled and the client accepts. */
    static SignatureScheme sharedScheme(CertifiedKey key, List<SignatureScheme> serverSchemes, List<Integer> clientSchemes) {
        for (SignatureScheme s : key.keyType().signatureSchemes()) {
            if (serverSchemes.contains(s) && clientSchemes.contains(s.code())) {
                return s;
            }
        }
        return null;
    }

    /** RFC 8422 §5.1: the curve of an ECDSA certificate must be one the client supports. */
    private static boolean curveAccepted(CertifiedKey key, List<Integer> clientGroups) {
        switch (key.keyType()) {
            case EC_P256:
                return clientGroups.contains(NamedGroup.SECP256R1.code());
            case EC_P384:
                return clientGroups.contains(NamedGroup.SECP384R1.code());
            case EC_P521:
                return clientGroups.contains(NamedGroup.SECP521R1.code());
            default:
                return true;
        }
    }

    /** The keys whose leaf names the host (RFC 6066 §3) first, then the rest, each in configured order. */
    static List<CertifiedKey> keysForName(List<CertifiedKey> keys, String serverName) {
        if (serverName == null) {
            return keys;
        }
        List<CertifiedKey> named = new ArrayList<>();
        List<CertifiedKey> others = new ArrayList<>();
        for (CertifiedKey k : keys) {
            (names(k.leaf(), serverName.toLowerCase(Locale.ROOT)) ? named : others).add(k);
        }
        named.addAll(others);
        return named;
    }

    private static boolean names(X509Certificate leaf, String host) {
        try {
            if (leaf.getSubjectAlternativeNames() == null) {
                return false;
            }
            for (List<?> san : leaf.getSubjectAlternativeNames()) {
                if ((Integer) san.get(0) != 2) {
                    continue;
                }
                String pattern = String.valueOf(san.get(1)).toLowerCase(Locale.ROOT);
                if (pattern.equals(host) || (pattern.startsWith("*.") && host.indexOf('.') > 0
                        && host.substring(host.indexOf('.')).equals(pattern.substring(1)))) {
                    return true;
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
        return false;
    }
}
