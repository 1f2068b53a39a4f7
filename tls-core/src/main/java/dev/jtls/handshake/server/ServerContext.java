package dev.jtls.handshake.server;

import dev.jtls.config.TlsConfig;
import dev.jtls.message.ClientHello;
import dev.jtls.message.ClientHelloExtensions;
import dev.jtls.message.CipherSuiteId;
import java.util.Objects;

/**
 * What every server state after the ClientHello may read and nobody changes: the configuration
 * and the ClientHello as received (RFC 5246 §7.4.1.2), with the few facts both paths read from it.
 *
 * @param ext        the hello's extensions (empty if it had none)
 * @param serverName the SNI host name the client asked for (RFC 6066 §3), or null if it asked for none
 */
record ServerContext(TlsConfig config, ClientHello hello, ClientHelloExtensions ext, String serverName) {
    ServerContext {
        Objects.requireNonNull(config);
        Objects.requireNonNull(hello);
        Objects.requireNonNull(ext);
    }

    static ServerContext of(TlsConfig config, ClientHello hello) {
        ClientHelloExtensions ext = hello.extensionsOrEmpty();
        return new ServerContext(config, hello, ext, ext.serverName() == null ? null : ext.serverName().hostName());
    }

    /** A copy of ClientHello.random. */
    byte[] clientRandom() {
        return hello.random().toByteArray();
    }

    /**
     * RFC 5746 §3.6: the client signalled secure renegotiation, by the extension or the SCSV, and
     * gets an empty renegotiation_info back.
     */
    boolean signalsSecureRenegotiation() {
        return ext.renegotiationInfo() != null || hello.offers(CipherSuiteId.TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
    }

    /** {@code n} fresh bytes from the configured random (ServerHello.random, a new session id). */
    byte[] random(int n) {
        byte[] b = new byte[n];
        config.random().nextBytes(b);
        return b;
    }
}
