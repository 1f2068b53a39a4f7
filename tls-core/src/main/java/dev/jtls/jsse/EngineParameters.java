package dev.jtls.jsse;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;

/**
 * An engine's {@code SSLParameters}: never shared with the application (it gets and gives copies),
 * and never changed in place — an engine replaces its parameters as a whole ({@link #changed},
 * {@link #merge}), so that engines made alike share one object ({@link #initial}).
 */
final class EngineParameters {
    /** The parameters of every engine made without a peer host, until it changes them. */
    private static final SSLParameters NO_HOST = JtlsSSLContext.defaultParameters();
    /** The last host's parameters: clients make their engines for the same few hosts over and over. */
    private static volatile Initial last;

    private record Initial(String host, SSLParameters params) {
    }

    private EngineParameters() {
    }

    /**
     * An engine's first parameters: the context's defaults, and SNI for the peer's host name if it
     * is one. Shared between engines: not to be changed.
     */
    static SSLParameters initial(String host) {
        if (host == null) {
            return NO_HOST;
        }
        Initial l = last;
        if (l != null && l.host().equals(host)) {
            return l.params();
        }
        SSLParameters p = JtlsSSLContext.defaultParameters();
        SNIHostName sni = hostName(host);
        if (sni != null) {
            p.setServerNames(List.of(sni));
        }
        last = new Initial(host, p);
        return p;
    }

    /** A copy of {@code p} with {@code change} made to it. */
    static SSLParameters changed(SSLParameters p, Consumer<SSLParameters> change) {
        SSLParameters c = copy(p);
        change.accept(c);
        return c;
    }

    /** RFC 6066 §3: a DNS host name only, never an address literal. */
    static SNIHostName hostName(String host) {
        String name = dev.jtls.handshake.client.ClientHandshake.sniName(host);
        if (name == null) {
            return null;
        }
        try {
            return new SNIHostName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static SSLParameters copy(SSLParameters from) {
        SSLParameters p = new SSLParameters();
        p.setCipherSuites(from.getCipherSuites());
        p.setProtocols(from.getProtocols());
        if (from.getNeedClientAuth()) {
            p.setNeedClientAuth(true);
        } else {
            p.setWantClientAuth(from.getWantClientAuth());
        }
        p.setAlgorithmConstraints(from.getAlgorithmConstraints());
        p.setEndpointIdentificationAlgorithm(from.getEndpointIdentificationAlgorithm());
        if (from.getServerNames() != null) {
            p.setServerNames(from.getServerNames());
        }
        if (from.getSNIMatchers() != null) {
            p.setSNIMatchers(from.getSNIMatchers());
        }
        p.setUseCipherSuitesOrder(from.getUseCipherSuitesOrder());
        p.setMaximumPacketSize(from.getMaximumPacketSize());
        p.setApplicationProtocols(from.getApplicationProtocols());
        EngineGroups.copy(from, p);
        return p;
    }

    /**
     * SSLEngine.setSSLParameters: null suites, protocols, server names and matchers leave the
     * current ones; client authentication is need, else want, else neither; the rest is taken as is.
     */
    static SSLParameters merge(SSLParameters current, SSLParameters given) {
        // Built directly (not a copy of current then overwritten): every SSLParameters getter and
        // setter copies its arrays and lists.
        SSLParameters p = new SSLParameters();
        String[] suites = given.getCipherSuites();
        p.setCipherSuites(suites != null ? EngineConfigs.checkCipherSuites(suites) : current.getCipherSuites());
        String[] protocols = given.getProtocols();
        p.setProtocols(protocols != null ? EngineConfigs.checkProtocols(protocols) : current.getProtocols());
        if (given.getNeedClientAuth()) {
            p.setNeedClientAuth(true);
        } else {
            p.setWantClientAuth(given.getWantClientAuth());
        }
        p.setAlgorithmConstraints(given.getAlgorithmConstraints());
        p.setEndpointIdentificationAlgorithm(given.getEndpointIdentificationAlgorithm());
        List<SNIServerName> names = given.getServerNames();
        if (names == null) {
            names = current.getServerNames();
        }
        if (names != null) {
            p.setServerNames(names);
        }
        Collection<SNIMatcher> matchers = given.getSNIMatchers();
        if (matchers == null) {
            matchers = current.getSNIMatchers();
        }
        if (matchers != null) {
            p.setSNIMatchers(matchers);
        }
        p.setUseCipherSuitesOrder(given.getUseCipherSuitesOrder());
        p.setMaximumPacketSize(given.getMaximumPacketSize());
        p.setApplicationProtocols(given.getApplicationProtocols());
        EngineGroups.copy(current, p);
        EngineGroups.copy(given, p);
        return p;
    }

    /** The first SNI host name, or null. */
    static String sniHost(List<SNIServerName> names) {
        if (names != null) {
            for (SNIServerName n : names) {
                if (n instanceof SNIHostName) {
                    return ((SNIHostName) n).getAsciiName();
                }
            }
        }
        return null;
    }
}
