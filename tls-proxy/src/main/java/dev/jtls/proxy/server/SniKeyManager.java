package dev.jtls.proxy.server;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Chooses a listener's certificate by the name the client asked for (RFC 6066 §3 server_name): jtls
 * puts the requested name on the handshake session before it asks {@code chooseEngineServerAlias},
 * so the alias is the first entry whose names match it exactly, then the first whose {@code *.suffix}
 * matches one label, else the default (the first entry). Aliases are the entries' indexes.
 */
final class SniKeyManager extends X509ExtendedKeyManager {

    /** One certificate and the names it is served for (lower case; {@code *.example.com} allowed). */
    record Entry(PemKeyMaterial material, List<String> names) {
        Entry {
            names = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
        }

        String keyType() {
            String algorithm = material.key().getAlgorithm();
            return algorithm.equals("Ed25519") ? "EdDSA" : algorithm;
        }
    }

    private final List<Entry> entries;

    SniKeyManager(List<Entry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a TLS listener needs at least one certificate");
        }
        this.entries = List.copyOf(entries);
    }

    /** Whether some entry serves {@code host} (exact or one-label wildcard); the strict-SNI check uses it. */
    boolean serves(String host) {
        return indexFor(host) >= 0;
    }

    /** The entry for {@code host}: exact names first, then wildcards; -1 if none. */
    int indexFor(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).names().contains(h)) {
                return i;
            }
        }
        int dot = h.indexOf('.');
        if (dot > 0) {
            String wildcard = "*" + h.substring(dot);
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).names().contains(wildcard)) {
                    return i;
                }
            }
        }
        return -1;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        String host = requestedHost(engine == null ? null : engine.getHandshakeSession());
        int index = host == null ? 0 : indexFor(host);
        if (index < 0) {
            index = 0;
        }
        return entries.get(index).keyType().equals(keyType) ? Integer.toString(index) : null;
    }

    private static String requestedHost(SSLSession session) {
        if (!(session instanceof ExtendedSSLSession)) {
            return null;
        }
        for (SNIServerName name : ((ExtendedSSLSession) session).getRequestedServerNames()) {
            if (name.getType() == StandardConstants.SNI_HOST_NAME) {
                return ((SNIHostName) name).getAsciiName();
            }
        }
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return entries.get(0).keyType().equals(keyType) ? "0" : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return java.util.stream.IntStream.range(0, entries.size())
                .filter(i -> entries.get(i).keyType().equals(keyType))
                .mapToObj(Integer::toString).toArray(String[]::new);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        Entry e = entry(alias);
        return e == null ? null : e.material().chain().toArray(new X509Certificate[0]);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        Entry e = entry(alias);
        return e == null ? null : e.material().key();
    }

    private Entry entry(String alias) {
        try {
            int i = Integer.parseInt(alias);
            return i >= 0 && i < entries.size() ? entries.get(i) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // A proxy listener never authenticates as a client.
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
