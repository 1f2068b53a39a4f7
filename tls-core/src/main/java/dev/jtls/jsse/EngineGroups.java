package dev.jtls.jsse;

import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import java.lang.reflect.Method;
import java.security.AlgorithmConstraints;
import java.security.CryptoPrimitive;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;

/**
 * The ECDHE groups (and signature schemes) an engine may use, from its SSLParameters as SunJSSE reads them: the named-groups
 * list ({@code SSLParameters.setNamedGroups}, Java 20+; reached by reflection since jtls is built for
 * Java 17), in its order, and the algorithm constraints, which may forbid a group by its name
 * (CryptoPrimitive.KEY_AGREEMENT, e.g. "secp256r1"). Names are the IANA TLS registry's.
 */
final class EngineGroups {
    private static final Set<CryptoPrimitive> KEY_AGREEMENT = EnumSet.of(CryptoPrimitive.KEY_AGREEMENT);
    private static final Set<CryptoPrimitive> SIGNATURE = EnumSet.of(CryptoPrimitive.SIGNATURE);
    private static final Method GET = method("getNamedGroups");
    private static final Method SET = method("setNamedGroups", String[].class);
    private static final Method GET_SCHEMES = method("getSignatureSchemes");
    private static final Method SET_SCHEMES = method("setSignatureSchemes", String[].class);

    /** The IANA names (the enum names in lower case), made once: they are looked up at every handshake. */
    private static final SignatureScheme[] SCHEMES = SignatureScheme.values();
    private static final String[] SCHEME_NAMES = lowerCaseNames(SCHEMES);
    private static final NamedGroup[] GROUPS = NamedGroup.values();
    private static final String[] GROUP_NAMES = lowerCaseNames(GROUPS);

    private EngineGroups() {
    }

    private static String[] lowerCaseNames(Enum<?>[] values) {
        String[] names = new String[values.length];
        for (Enum<?> v : values) {
            names[v.ordinal()] = v.name().toLowerCase(Locale.ROOT);
        }
        return names;
    }

    private static Method method(String name, Class<?>... types) {
        try {
            return SSLParameters.class.getMethod(name, types);
        } catch (NoSuchMethodException e) {
            return null; // Java 17-19: SSLParameters has no named groups
        }
    }

    /** The named-groups list of {@code p}, or null when not set or on a Java without the API. */
    static String[] get(SSLParameters p) {
        return names(GET, p);
    }

    /** The signature-schemes list of {@code p} (Java 19+), or null when not set or without the API. */
    static String[] getSchemes(SSLParameters p) {
        return names(GET_SCHEMES, p);
    }

    private static String[] names(Method getter, SSLParameters p) {
        if (getter == null) {
            return null;
        }
        try {
            String[] names = (String[]) getter.invoke(p);
            return names == null ? null : names.clone();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("SSLParameters." + getter.getName() + " failed", e);
        }
    }

    /** Copies the named-groups and signature-schemes lists (when the API exists and a list is set). */
    static void copy(SSLParameters from, SSLParameters to) {
        copy(SET, get(from), to);
        copy(SET_SCHEMES, getSchemes(from), to);
    }

    private static void copy(Method setter, String[] names, SSLParameters to) {
        if (names != null) {
            try {
                setter.invoke(to, (Object) names);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("SSLParameters." + setter.getName() + " failed", e);
            }
        }
    }

    /**
     * The signature schemes to offer and to sign with, as SunJSSE reads them: the Java 19+
     * signature-schemes list in its order, less those the algorithm constraints forbid by their IANA
     * name (CryptoPrimitive.SIGNATURE, e.g. "rsa_pss_rsae_sha256"); all of jtls's when nothing restricts.
     */
    static List<SignatureScheme> chooseSchemes(SSLParameters p, List<SignatureScheme> defaults)
            throws SSLHandshakeException {
        String[] names = getSchemes(p);
        AlgorithmConstraints constraints = p.getAlgorithmConstraints();
        if (names == null && constraints == null) {
            return defaults; // nothing restricts them (the usual case: no per-handshake lists)
        }
        List<SignatureScheme> candidates = new ArrayList<>();
        if (names == null) {
            candidates.addAll(defaults);
        } else {
            for (String name : names) {
                for (SignatureScheme s : SCHEMES) {
                    if (s.name().equalsIgnoreCase(name) && !candidates.contains(s)) {
                        candidates.add(s);
                    }
                }
            }
        }
        List<SignatureScheme> out = new ArrayList<>();
        for (SignatureScheme s : candidates) {
            if (constraints == null || constraints.permits(SIGNATURE, SCHEME_NAMES[s.ordinal()], null)) {
                out.add(s);
            }
        }
        if (out.isEmpty()) {
            throw new SSLHandshakeException("No appropriate signature scheme: the SSLParameters allow none of "
                    + candidates + " (algorithm constraints " + constraints + ")");
        }
        return out;
    }

    /** The groups to offer or accept, in preference order; all of jtls's when nothing restricts them. */
    static List<NamedGroup> choose(SSLParameters p, List<NamedGroup> defaults) throws SSLHandshakeException {
        String[] names = get(p);
        AlgorithmConstraints constraints = p.getAlgorithmConstraints();
        if (names == null && constraints == null) {
            return defaults;
        }
        List<NamedGroup> candidates = new ArrayList<>();
        if (names == null) {
            candidates.addAll(defaults);
        } else {
            for (String name : names) {
                NamedGroup g = byName(name);
                if (g != null && !candidates.contains(g)) {
                    candidates.add(g);
                }
            }
        }
        List<NamedGroup> out = new ArrayList<>();
        for (NamedGroup g : candidates) {
            if (constraints == null || constraints.permits(KEY_AGREEMENT, ianaName(g), null)) {
                out.add(g);
            }
        }
        if (out.isEmpty()) {
            // RSA key exchange needs no group, but a client that offers only ECDHE suites and no group
            // could not complete; say why here rather than with a handshake_failure from the peer.
            throw new SSLHandshakeException("No appropriate named group: the SSLParameters allow none of "
                    + candidates + " (named groups " + (names == null ? "not set" : String.join(",", names))
                    + ", algorithm constraints " + constraints + ")");
        }
        return out;
    }

    static String ianaName(NamedGroup g) {
        return GROUP_NAMES[g.ordinal()];
    }

    private static NamedGroup byName(String name) {
        for (NamedGroup g : GROUPS) {
            if (ianaName(g).equalsIgnoreCase(name)) {
                return g;
            }
        }
        return null;
    }
}
