package dev.jtls.jsse;

import dev.jtls.crypto.NamedGroup;
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
 * The ECDHE groups an engine may use, from its SSLParameters as SunJSSE reads them: the named-groups
 * list ({@code SSLParameters.setNamedGroups}, Java 20+; reached by reflection since jtls is built for
 * Java 17), in its order, and the algorithm constraints, which may forbid a group by its name
 * (CryptoPrimitive.KEY_AGREEMENT, e.g. "secp256r1"). Names are the IANA TLS registry's.
 */
final class EngineGroups {
    private static final Set<CryptoPrimitive> KEY_AGREEMENT = EnumSet.of(CryptoPrimitive.KEY_AGREEMENT);
    private static final Method GET = method("getNamedGroups");
    private static final Method SET = method("setNamedGroups", String[].class);

    private EngineGroups() {
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
        if (GET == null) {
            return null;
        }
        try {
            String[] names = (String[]) GET.invoke(p);
            return names == null ? null : names.clone();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("SSLParameters.getNamedGroups failed", e);
        }
    }

    /** Copies the named-groups list (when the API exists and a list is set). */
    static void copy(SSLParameters from, SSLParameters to) {
        String[] names = get(from);
        if (names != null) {
            try {
                SET.invoke(to, (Object) names);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("SSLParameters.setNamedGroups failed", e);
            }
        }
    }

    /** The groups to offer or accept, in preference order; all of jtls's when nothing restricts them. */
    static List<NamedGroup> choose(SSLParameters p, List<NamedGroup> defaults) throws SSLHandshakeException {
        List<NamedGroup> candidates = new ArrayList<>();
        String[] names = get(p);
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
        AlgorithmConstraints constraints = p.getAlgorithmConstraints();
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
        return g.name().toLowerCase(Locale.ROOT);
    }

    private static NamedGroup byName(String name) {
        for (NamedGroup g : NamedGroup.values()) {
            if (ianaName(g).equalsIgnoreCase(name)) {
                return g;
            }
        }
        return null;
    }
}
