package dev.jtls.config;

import dev.jtls.message.PeerIncompatible;
import dev.jtls.record.TlsAlertException;
import java.util.List;

/**
 * Picks the application protocol on the server (RFC 7301 §3.2) from what the client offered.
 * Returns the chosen protocol, or null to negotiate none (the handshake then goes on without
 * ALPN); throwing a {@code TlsAlertException(PeerIncompatible.NO_COMMON_APPLICATION_PROTOCOL, ...)} refuses the connection.
 */
@FunctionalInterface
public interface AlpnSelector {
    String select(String serverName, List<String> offered);

    /** The first protocol of the server's list that the client offered, or no_application_protocol. */
    static AlpnSelector preferring(List<String> serverOrder) {
        List<String> order = List.copyOf(serverOrder);
        return (serverName, offered) -> {
            for (String p : order) {
                if (offered.contains(p)) {
                    return p;
                }
            }
            throw new TlsAlertException(PeerIncompatible.NO_COMMON_APPLICATION_PROTOCOL,
                    "none of the client's protocols " + offered + " is among the server's " + order);
        };
    }
}
