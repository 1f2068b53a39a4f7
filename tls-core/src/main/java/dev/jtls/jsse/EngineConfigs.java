package dev.jtls.jsse;

import dev.jtls.config.AlpnSelector;
import dev.jtls.config.ClientAuth;
import dev.jtls.config.SuitePreference;
import dev.jtls.config.TlsConfig;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.message.LocalProblem;
import dev.jtls.message.PeerIncompatible;
import dev.jtls.suite.CipherSuite;
import dev.jtls.record.TlsAlertException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;

/**
 * Maps an engine's {@code SSLParameters} onto a {@link TlsConfig} (the handshake and the connection
 * know no SSLParameters and read no system properties; this is the one place they meet), sharing
 * the context's caches, ticket keys and crypto, and also checks the names the application sets.
 */
final class EngineConfigs {
    /** Protocol names JSSE applications pass; only TLSv1.2 is spoken, the others are accepted and ignored. */
    private static final Set<String> KNOWN_PROTOCOLS = Set.of("SSLv2Hello", "SSLv3", "TLSv1", "TLSv1.1",
            JtlsSSLContext.PROTOCOL, "TLSv1.3");
    /** RFC 5746 §3.3: jtls always sends renegotiation_info; the SCSV name is accepted and changes nothing. */
    private static final String RENEGOTIATION_SCSV = "TLS_EMPTY_RENEGOTIATION_INFO_SCSV";

    private EngineConfigs() {
    }

    /**
     * Returns {@code suites} itself (SSLParameters copies what it is given).
     *
     * @throws IllegalArgumentException for a null, empty or unsupported name, as SSLEngine.setEnabledCipherSuites specifies
     */
    static String[] checkCipherSuites(String[] suites) {
        if (suites == null) {
            throw new IllegalArgumentException("cipher suites must not be null");
        }
        for (String s : suites) {
            if (s == null || s.isEmpty()) {
                throw new IllegalArgumentException("empty cipher suite name");
            }
            if (!s.equals(RENEGOTIATION_SCSV) && suite(s) == null) {
                throw new IllegalArgumentException("Unsupported CipherSuite: " + s);
            }
        }
        return suites;
    }

    /**
     * Returns {@code protocols} itself (SSLParameters copies what it is given).
     *
     * @throws IllegalArgumentException for a null or unknown protocol name
     */
    static String[] checkProtocols(String[] protocols) {
        if (protocols == null) {
            throw new IllegalArgumentException("protocols must not be null");
        }
        for (String p : protocols) {
            if (p == null || !KNOWN_PROTOCOLS.contains(p)) {
                throw new IllegalArgumentException("Unsupported protocol: " + p);
            }
        }
        return protocols;
    }

    private static final Map<String, CipherSuite> SUITES_BY_NAME = suitesByName();
    private static final List<SignatureScheme> ALL_SCHEMES = List.of(SignatureScheme.values());

    private static Map<String, CipherSuite> suitesByName() {
        Map<String, CipherSuite> m = new HashMap<>();
        for (CipherSuite s : CipherSuite.values()) {
            m.put(s.standardName(), s);
        }
        return Map.copyOf(m);
    }

    private static CipherSuite suite(String name) {
        return SUITES_BY_NAME.get(name);
    }

    /**
     * The configuration for a handshake with {@code params}: the context's one for these
     * parameters ({@link ConfigCache}), built on first use. The key and trust manager and ALPN
     * adapters in it call the application with the engine whose handshake runs ({@link CurrentEngine}).
     *
     * @param sessionCreation the engine's {@code getEnableSessionCreation()}: false allows only resumption
     * @param alpnSelector true if the engine has a handshake application protocol selector (servers)
     */
    static ConfigCache.Shared config(JtlsSSLContext.State ctx, SSLParameters params, boolean client,
                                     boolean sessionCreation, boolean alpnSelector) throws SSLHandshakeException {
        return ctx.configs().get(key(ctx, params, client, sessionCreation, alpnSelector), k -> build(ctx, k));
    }

    /** The parameters as a configuration uses them; throws for parameters no handshake can start with. */
    static ConfigCache.Key key(JtlsSSLContext.State ctx, SSLParameters params, boolean client,
                               boolean sessionCreation, boolean alpnSelector) throws SSLHandshakeException {
        if (!Arrays.asList(params.getProtocols()).contains(JtlsSSLContext.PROTOCOL)) {
            throw new SSLHandshakeException("No appropriate protocol: jtls speaks only TLSv1.2, and the enabled protocols are "
                    + Arrays.toString(params.getProtocols()));
        }
        String[] names = params.getCipherSuites();
        EnumSet<CipherSuite> seen = EnumSet.noneOf(CipherSuite.class);
        List<CipherSuite> suites = new ArrayList<>(names.length);
        for (String name : names) {
            CipherSuite s = suite(name);
            if (s != null && seen.add(s)) {
                suites.add(s);
            }
        }
        if (suites.isEmpty()) {
            throw new SSLHandshakeException("No appropriate cipher suite: none of the enabled suites "
                    + Arrays.toString(names) + " is one jtls supports");
        }
        Collection<SNIMatcher> matchers = params.getSNIMatchers();
        return new ConfigCache.Key(client, sessionCreation, suites,
                EngineGroups.choose(params, TlsConfig.DEFAULT_GROUPS), EngineGroups.chooseSchemes(params, ALL_SCHEMES),
                Arrays.asList(params.getApplicationProtocols()), !client && alpnSelector,
                client || params.getUseCipherSuitesOrder() ? SuitePreference.SERVER : SuitePreference.CLIENT,
                client ? ClientAuth.NONE : params.getNeedClientAuth() ? ClientAuth.NEED
                        : params.getWantClientAuth() ? ClientAuth.WANT : ClientAuth.NONE,
                matchers == null || client ? List.of() : List.copyOf(matchers),
                client ? null : ctx.ticketSealer());
    }

    private static ConfigCache.Shared build(JtlsSSLContext.State ctx, ConfigCache.Key key) {
        boolean client = key.client();
        TlsConfig.Builder b = TlsConfig.builder()
                .crypto(ctx.crypto())
                .serverSessionCache(ctx.serverCache())
                .clientSessionCache(ctx.clientCache())
                .ticketSealer(client ? ctx.ticketSealer() : key.ticketSealer())
                .newSessionsAllowed(key.sessionCreation())
                .sessionTickets(client ? ctx.clientTickets() : ctx.serverTickets())
                .cipherSuites(key.suites())
                .groups(key.groups())
                .signatureSchemes(key.schemes())
                .trust(new TrustManagerVerifier(ctx.trustManager()))
                .certificateSelector(new KeyManagerSelector(ctx.keyManager(), key.matchers()));
        if (client) {
            b.alpnProtocols(key.applicationProtocols());
        } else {
            b.suitePreference(key.suitePreference());
            b.clientAuth(key.clientAuth());
            AlpnSelector alpn = serverAlpn(key);
            if (alpn != null) {
                b.alpnSelector(alpn);
            }
        }
        TlsConfig config = b.build();
        return new ConfigCache.Shared(config, SignatureNames.jcaNames(config.signatureSchemes()));
    }

    /**
     * RFC 7301 §3.2 on the server: the application's selector if set (null from it refuses the
     * connection with no_application_protocol, "" declines ALPN, as SSLEngine's javadoc says), else
     * the first of the server's protocols that the client offered; none configured: no ALPN.
     */
    private static AlpnSelector serverAlpn(ConfigCache.Key key) {
        if (key.alpnSelector()) {
            return (serverName, offered) -> {
                JtlsSSLEngine engine = CurrentEngine.get();
                BiFunction<SSLEngine, List<String>, String> selector = engine.getHandshakeApplicationProtocolSelector();
                String chosen;
                try {
                    chosen = selector.apply(engine, List.copyOf(offered));
                } catch (RuntimeException e) {
                    throw new TlsAlertException(LocalProblem.ALPN_SELECTOR_FAILED,
                            "the handshake application protocol selector failed: " + e, e);
                }
                if (chosen == null) {
                    throw new TlsAlertException(PeerIncompatible.NO_COMMON_APPLICATION_PROTOCOL,
                            "the application accepts none of the client's protocols " + offered);
                }
                return chosen.isEmpty() ? null : chosen;
            };
        }
        List<String> protocols = key.applicationProtocols();
        return protocols.isEmpty() ? null : AlpnSelector.preferring(protocols);
    }
}
