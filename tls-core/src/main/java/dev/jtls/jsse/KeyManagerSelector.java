package dev.jtls.jsse;

import dev.jtls.message.LocalProblem;
import dev.jtls.message.PeerIncompatible;
import dev.jtls.config.CertificateSelector;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.record.TlsAlertException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * The application's {@code X509KeyManager} as a jtls {@link CertificateSelector}: per handshake, a
 * server asks {@code chooseEngineServerAlias} for each key type jtls signs with ("EC", "RSA",
 * "EdDSA") and lets the handshake pick among the answers by suite and signature scheme; a client
 * asks {@code chooseEngineClientAlias} with the key types and issuers of the CertificateRequest.
 * Before asking, the handshake session gets the client's SNI name and signature algorithms (SunJSSE's
 * key manager reads them there). The server's {@code SNIMatcher}s are applied here too (RFC 6066 §3).
 */
final class KeyManagerSelector implements CertificateSelector {
    private static final List<String> SERVER_KEY_TYPES = List.of("EC", "RSA", "EdDSA");

    private final X509KeyManager keyManager;
    private final List<SNIMatcher> matchers;

    /** Shared by a context's engines: each call is for the engine whose handshake runs ({@link CurrentEngine}). */
    KeyManagerSelector(X509KeyManager keyManager, List<SNIMatcher> matchers) {
        this.keyManager = keyManager;
        this.matchers = List.copyOf(matchers);
    }

    @Override
    public List<CertifiedKey> serverKeys(ServerRequest request) {
        JtlsSSLEngine engine = CurrentEngine.get();
        JtlsSSLSession session = engine.handshakeSessionForCallbacks();
        SNIHostName sni = hostName(request.serverName());
        if (session != null) {
            session.requestedServerNames(sni == null ? List.of() : List.of(sni));
            session.peerSignatureSchemes(request.signatureSchemes() == null ? List.of() : request.signatureSchemes());
        }
        checkMatchers(sni, request.serverName());
        if (keyManager == null) {
            return List.of();
        }
        List<CertifiedKey> keys = new ArrayList<>();
        try {
            for (String type : SERVER_KEY_TYPES) {
                String alias = keyManager instanceof X509ExtendedKeyManager
                        ? ((X509ExtendedKeyManager) keyManager).chooseEngineServerAlias(type, null, engine)
                        : keyManager.chooseServerAlias(type, null, null);
                CertifiedKey key = load(alias);
                if (key != null && !keys.contains(key)) {
                    keys.add(key);
                }
            }
        } catch (RuntimeException e) {
            throw new TlsAlertException(LocalProblem.KEY_MANAGER_FAILED, "the KeyManager failed: " + e, e);
        }
        return keys;
    }

    @Override
    public List<CertifiedKey> clientKeys(ClientRequest request) {
        JtlsSSLEngine engine = CurrentEngine.get();
        JtlsSSLSession session = engine.handshakeSessionForCallbacks();
        if (session != null) {
            session.peerSignatureSchemes(request.signatureSchemes());
        }
        if (keyManager == null) {
            return List.of();
        }
        Set<String> types = new LinkedHashSet<>();
        for (CertifiedKey.KeyType t : request.keyTypes()) {
            types.add(t == CertifiedKey.KeyType.RSA ? "RSA" : t == CertifiedKey.KeyType.ED25519 ? "EdDSA" : "EC");
        }
        if (types.isEmpty()) {
            return List.of();
        }
        Principal[] issuers = request.authorities().isEmpty() ? null : request.authorities().toArray(new Principal[0]);
        try {
            String[] keyTypes = types.toArray(new String[0]);
            String alias = keyManager instanceof X509ExtendedKeyManager
                    ? ((X509ExtendedKeyManager) keyManager).chooseEngineClientAlias(keyTypes, issuers, engine)
                    : keyManager.chooseClientAlias(keyTypes, issuers, null);
            CertifiedKey key = load(alias);
            return key == null ? List.of() : List.of(key);
        } catch (RuntimeException e) {
            throw new TlsAlertException(LocalProblem.KEY_MANAGER_FAILED, "the KeyManager failed: " + e, e);
        }
    }

    /** The alias's chain and key as jtls can use them, or null (no alias, or a key jtls cannot sign with). */
    private CertifiedKey load(String alias) {
        if (alias == null) {
            return null;
        }
        X509Certificate[] chain = keyManager.getCertificateChain(alias);
        PrivateKey key = keyManager.getPrivateKey(alias);
        if (chain == null || chain.length == 0 || key == null) {
            return null;
        }
        try {
            return new CertifiedKey(List.of(chain), key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** RFC 6066 §3: a server that does not serve the requested name may refuse with unrecognized_name. */
    private void checkMatchers(SNIHostName sni, String serverName) {
        if (serverName == null) {
            return;
        }
        for (SNIMatcher m : matchers) {
            if (m.getType() == StandardConstants.SNI_HOST_NAME && (sni == null || !m.matches(sni))) {
                throw new TlsAlertException(PeerIncompatible.UNRECOGNIZED_SERVER_NAME,
                        "the server's SNIMatcher does not accept server_name '" + serverName + "' (RFC 6066 §3)");
            }
        }
    }

    private static SNIHostName hostName(String name) {
        if (name == null) {
            return null;
        }
        try {
            return new SNIHostName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
