package dev.jtls.handshake.client;

import dev.jtls.config.TlsConfig;
import dev.jtls.message.ClientHello;
import dev.jtls.session.ClientSessionCache;
import java.util.Objects;

/**
 * What every client state may read and nobody changes: the configuration, the
 * names the application gave, and the ClientHello as sent (its random, offered suites and
 * extensions are what the server's answers are checked against).
 *
 * @param serverName the SNI host name sent, or null (none given, or an IP address literal)
 * @param peerName   the name or address the application connected to, checked against the
 *                   server's certificate by the TrustVerifier; null for no name check
 * @param peer       the client session cache key for this server, or null to neither offer nor
 *                   keep sessions (no name to key them by)
 * @param hello      the ClientHello exactly as sent
 * @param offer      the cached session offered in it, or null
 */
record ClientContext(TlsConfig config, String serverName, String peerName, ClientSessionCache.PeerKey peer,
                     ClientHello hello, ResumptionOffer offer) {
    ClientContext {
        Objects.requireNonNull(config);
        Objects.requireNonNull(hello);
    }

    /** A copy of ClientHello.random. */
    byte[] clientRandom() {
        return hello.random().toByteArray();
    }
}
