package dev.jtls.jsse;

import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;

/** Copies of {@code SSLParameters}, so that an engine never shares a mutable one with the application. */
final class EngineParameters {
    private EngineParameters() {
    }

    /** An engine's first parameters: the context's defaults, and SNI for the peer's host name if it is one. */
    static SSLParameters initial(String host) {
        SSLParameters p = JtlsSSLContext.defaultParameters();
        SNIHostName sni = hostName(host);
        if (sni != null) {
            p.setServerNames(List.of(sni));
        }
        return p;
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
        SSLParameters p = copy(current);
        if (given.getCipherSuites() != null) {
            p.setCipherSuites(EngineConfigs.checkCipherSuites(given.getCipherSuites()));
        }
        if (given.getProtocols() != null) {
            p.setProtocols(EngineConfigs.checkProtocols(given.getProtocols()));
        }
        if (given.getNeedClientAuth()) {
            p.setNeedClientAuth(true);
        } else {
            p.setWantClientAuth(given.getWantClientAuth());
        }
        p.setAlgorithmConstraints(given.getAlgorithmConstraints());
        p.setEndpointIdentificationAlgorithm(given.getEndpointIdentificationAlgorithm());
        List<SNIServerName> names = given.getServerNames();
        if (names != null) {
            p.setServerNames(names);
        }
        if (given.getSNIMatchers() != null) {
            p.setSNIMatchers(given.getSNIMatchers());
        }
        p.setUseCipherSuitesOrder(given.getUseCipherSuitesOrder());
        p.setMaximumPacketSize(given.getMaximumPacketSize());
        p.setApplicationProtocols(given.getApplicationProtocols());
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
