package dev.jtls.proxy.http;

import dev.jtls.proxy.balance.PoolState;
import dev.jtls.proxy.config.PoolConfig;
import dev.jtls.proxy.balance.BackendState;
import dev.jtls.proxy.config.BackendTlsConfig;
import java.net.InetSocketAddress;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * A pool as the HTTP path uses it: its configuration, its balancing state, and the jtls client context
 * when requests are re-encrypted toward its back ends (null: plain TCP). One client context per pool,
 * so connections to its back ends resume their TLS sessions.
 */
public record PoolRuntime(PoolConfig config, PoolState state, SSLContext backendTls) {
    public String name() {
        return config.name();
    }

    /** A client engine toward {@code backend}, checking its certificate names the configured server name. */
    public SSLEngine clientEngine(BackendState backend) {
        return clientEngine(backend.address());
    }

    /** The same for a back end's address (health checks). */
    public SSLEngine clientEngine(InetSocketAddress a) {
        BackendTlsConfig tls = config.tls();
        String name = tls.serverName() != null ? tls.serverName() : a.getHostString();
        SSLEngine engine = backendTls.createSSLEngine(name, a.getPort());
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        // RFC 9110 §4.3.4: the back end's certificate must name the host the proxy meant to reach.
        p.setEndpointIdentificationAlgorithm("HTTPS");
        if (tls.serverName() != null) {
            p.setServerNames(java.util.List.of(new SNIHostName(tls.serverName())));
        }
        engine.setSSLParameters(p);
        return engine;
    }
}
