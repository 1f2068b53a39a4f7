package dev.jtls.config;

import dev.jtls.suite.CipherSuite;
import java.util.ArrayList;
import java.util.List;

/**
 * Named server profiles in the manner of Mozilla's server-side TLS guidelines: a starting point
 * that {@link TlsConfig.Builder#profile} applies at once, so later builder calls still override any
 * part of it.
 */
public enum Profile {
    /**
     * Every suite jtls has, in its default order: ECDHE with AEAD first, RSA key exchange and CBC
     * last, for old clients. SNI and ALPN are lenient. The default.
     */
    COMPATIBLE,
    /**
     * Only forward-secret AEAD suites (ECDHE with AES-GCM or ChaCha20-Poly1305), a fatal
     * unrecognized_name for a server_name no certificate names (RFC 6066 §3), and a fatal
     * no_application_protocol when the client's ALPN list has nothing this server speaks (RFC
     * 7301 §3.2): the ALPACA cross-protocol defences.
     */
    MODERN;

    /** The suites this profile enables, in jtls's preference order. */
    public List<CipherSuite> cipherSuites() {
        if (this == COMPATIBLE) {
            return CipherSuite.defaultOrder();
        }
        List<CipherSuite> out = new ArrayList<>();
        for (CipherSuite s : CipherSuite.defaultOrder()) {
            if (s.keyExchange() == CipherSuite.KeyExchange.ECDHE && s.protection() instanceof CipherSuite.Aead) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    /** True if this profile refuses unknown server names and ALPN lists without a shared protocol. */
    public boolean strict() {
        return this == MODERN;
    }
}
