package dev.jtls.handshake;

import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.message.CipherSuiteId;
import dev.jtls.message.NamedGroupId;
import dev.jtls.message.PeerIncompatible;
import dev.jtls.message.SignatureSchemeId;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.record.TlsAlertException;
import dev.jtls.suite.CipherSuite;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Says, in one sentence a person can act on, why {@link ServerChoice#choose} found nothing: the
 * first of these that holds, from the coarsest to the finest — the client offers only TLS 1.3
 * suites; no suite in common; the suites in common need another kind of key; the client sent no
 * signature_algorithms and so accepts only SHA-1 signatures; no group in common; no signature
 * scheme in common. Each is its own {@link PeerIncompatible} reason; all are handshake_failure
 * (RFC 5246 §7.4.1.3, RFC 9155 §3).
 */
final class NoCommonSuite {
    private NoCommonSuite() {
    }

    /** RFC 8446 §B.4: TLS 1.3 suites are {0x13, 0xXX}; a TLS 1.2 server can use none of them. */
    private static boolean tls13(int code) {
        return (code >>> 8) == 0x13;
    }

    static TlsAlertException refusal(List<CipherSuite> serverSuites, List<NamedGroup> serverGroups,
                          List<SignatureScheme> serverSchemes, List<CertifiedKey> keys, ServerChoice.Offer offer) {
        List<Integer> real = new ArrayList<>();
        for (int code : offer.cipherSuites()) {
            if (!CipherSuiteId.of(code).isSignalling()) {
                real.add(code);
            }
        }
        if (!real.isEmpty() && real.stream().allMatch(NoCommonSuite::tls13)) {
            return new TlsAlertException(PeerIncompatible.ONLY_TLS13_SUITES, "the client offers only TLS 1.3 (cipher suites "
                    + names(real) + "); this server speaks TLS 1.2 only");
        }
        List<CipherSuite> common = new ArrayList<>();
        for (CipherSuite s : serverSuites) {
            if (offer.cipherSuites().contains(s.code())) {
                common.add(s);
            }
        }
        if (common.isEmpty()) {
            return new TlsAlertException(PeerIncompatible.NO_COMMON_SUITE, "no cipher suite in common: the client offers "
                    + names(real) + "; this server enables " + serverSuites);
        }
        Set<CipherSuite.Authentication> ours = EnumSet.noneOf(CipherSuite.Authentication.class);
        for (CertifiedKey k : keys) {
            ours.add(k.keyType().authentication());
        }
        Set<CipherSuite.Authentication> theirs = EnumSet.noneOf(CipherSuite.Authentication.class);
        for (CipherSuite s : common) {
            theirs.add(s.authentication());
        }
        if (!ours.isEmpty() && theirs.stream().noneMatch(ours::contains)) {
            // RFC 5246 §7.4.2: the certificate's key must fit the suite's authentication.
            return new TlsAlertException(PeerIncompatible.KEY_TYPE_MISMATCH, "key type mismatch: the client offers only " + theirs.iterator().next() + "-authenticated suites, "
                    + "this server's key is " + ours.iterator().next());
        }
        boolean rsaKeyExchangePossible = common.stream().anyMatch(s -> s.keyExchange() == CipherSuite.KeyExchange.RSA
                && ours.contains(CipherSuite.Authentication.RSA));
        if (offer.signatureSchemes() == null && !rsaKeyExchangePossible) {
            return new TlsAlertException(PeerIncompatible.ONLY_SHA1_SIGNATURES, "the client sent no signature_algorithms, so it accepts only SHA-1 signatures (RFC 5246 §7.4.1.4.1), "
                    + "and this server refuses SHA-1 signatures (RFC 9155 §3)");
        }
        if (offer.signatureSchemes() != null && !offer.signatureSchemes().isEmpty() && !rsaKeyExchangePossible
                && offer.signatureSchemes().stream().allMatch(NoCommonSuite::sha1)) {
            return new TlsAlertException(PeerIncompatible.ONLY_SHA1_SIGNATURES, "the client accepts only SHA-1 signatures (signature_algorithms " + schemeNames(offer.signatureSchemes())
                    + "), and this server refuses SHA-1 signatures (RFC 9155 §2)");
        }
        if (ServerChoice.sharedGroup(serverGroups, offer.groups()) == null) {
            List<String> groups = new ArrayList<>();
            for (int g : offer.groups()) {
                groups.add(NamedGroupId.of(g).toString());
            }
            return new TlsAlertException(PeerIncompatible.NO_COMMON_GROUP, "no group in common for ECDHE: the client offers "
                    + groups + "; this server enables " + groupNames(serverGroups));
        }
        if (offer.signatureSchemes() != null) {
            List<String> schemes = schemeNames(offer.signatureSchemes());
            List<String> signable = new ArrayList<>();
            for (CertifiedKey k : keys) {
                for (SignatureScheme s : k.keyType().signatureSchemes()) {
                    if (serverSchemes.contains(s)) {
                        signable.add(SignatureSchemeId.of(s).toString());
                    }
                }
            }
            return new TlsAlertException(PeerIncompatible.NO_COMMON_SIGNATURE_SCHEME, "no signature scheme in common, or the client does not support this server's certificate curve:"
                    + " the client accepts " + schemes + "; this server's key signs with " + signable);
        }
        return new TlsAlertException(PeerIncompatible.NO_COMMON_SUITE, "no cipher suite in common: the client offers "
                + names(real) + "; this server enables " + serverSuites);
    }

    /** RFC 5246 §7.4.1.4.1: SignatureAndHashAlgorithm with hash sha1 (2), whatever the signature. */
    private static boolean sha1(int scheme) {
        return (scheme >>> 8) == 0x02;
    }

    private static List<String> schemeNames(List<Integer> codes) {
        List<String> out = new ArrayList<>();
        for (int s : codes) {
            out.add(SignatureSchemeId.of(s).toString());
        }
        return out;
    }

    private static List<String> names(List<Integer> codes) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < codes.size() && i < 32; i++) {
            out.add(CipherSuiteId.of(codes.get(i)).toString());
        }
        if (codes.size() > 32) {
            out.add("...");
        }
        return out;
    }

    private static List<String> groupNames(List<NamedGroup> groups) {
        List<String> out = new ArrayList<>();
        for (NamedGroup g : groups) {
            out.add(NamedGroupId.of(g).toString());
        }
        return out;
    }
}
