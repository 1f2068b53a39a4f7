package dev.jtls.proxy.server;

import dev.jtls.jsse.JtlsProvider;
import dev.jtls.proxy.config.CertificateConfig;
import dev.jtls.proxy.config.TlsListenerConfig;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.TrustManager;

/**
 * A listener's TLS: one jtls {@code SSLContext} (so every connection of the listener shares its
 * session cache and ticket keys, and returning clients resume), a certificate per SNI name through
 * {@link SniKeyManager}, ALPN, client authentication and the suite list, and Netty's
 * {@link SslHandler} around a fresh jtls {@code SSLEngine} per connection.
 */
public final class ListenerTls {
    private final SSLContext context;
    private final SSLParameters parameters;

    /** RFC 7301 §3.2 allows a server to go on without ALPN when nothing overlaps; null: no ALPN configured. */
    private final BiFunction<SSLEngine, List<String>, String> alpnOrEmpty;

    private ListenerTls(SSLContext context, SSLParameters parameters) {
        this.context = context;
        this.parameters = parameters;
        List<String> ours = List.of(parameters.getApplicationProtocols());
        this.alpnOrEmpty = ours.isEmpty() ? null : (e, offered) -> ours.stream().filter(offered::contains).findFirst().orElse("");
    }

    /** Reads the certificates and keys and sets up the context; a bad file is named in the exception. */
    public static ListenerTls create(TlsListenerConfig config) throws IOException, GeneralSecurityException {
        List<SniKeyManager.Entry> entries = new ArrayList<>();
        for (CertificateConfig c : config.certificates()) {
            PemKeyMaterial material = PemKeyMaterial.load(c.cert(), c.key());
            List<String> names = c.names() == null || c.names().isEmpty() ? dnsNames(material.chain().get(0)) : c.names();
            entries.add(new SniKeyManager.Entry(material, names));
        }
        SniKeyManager keys = new SniKeyManager(entries);
        SSLContext context = SSLContext.getInstance("TLSv1.2", new JtlsProvider());
        context.init(new KeyManager[] {keys}, clientTrust(config), null);

        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(new String[] {"TLSv1.2"});
        if (config.suites() != null && !config.suites().isEmpty()) {
            p.setCipherSuites(config.suites().toArray(new String[0]));
        }
        p.setUseCipherSuitesOrder(true);
        if (config.alpn() != null && !config.alpn().isEmpty()) {
            p.setApplicationProtocols(config.alpn().toArray(new String[0]));
        }
        switch (config.clientAuth() == null ? TlsListenerConfig.ClientAuthMode.NONE : config.clientAuth()) {
            case NEED -> p.setNeedClientAuth(true);
            case WANT -> p.setWantClientAuth(true);
            case NONE -> p.setWantClientAuth(false);
        }
        if (config.strictSni()) {
            // RFC 6066 §3: a name no certificate serves is refused with unrecognized_name.
            p.setSNIMatchers(List.of(new ServedNames(keys)));
        }
        return new ListenerTls(context, p);
    }

    /** Netty's SslHandler over a new jtls engine, with the handshake deadline (0: none). */
    public SslHandler newHandler(ByteBufAllocator alloc, Duration handshakeTimeout, boolean strictAlpn) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setSSLParameters(parameters);
        if (!strictAlpn && alpnOrEmpty != null) {
            engine.setHandshakeApplicationProtocolSelector(alpnOrEmpty);
        }
        SslHandler handler = new SslHandler(engine);
        handler.setHandshakeTimeoutMillis(handshakeTimeout == null ? 0 : handshakeTimeout.toMillis());
        return handler;
    }

    /** The context (tests and the demo read its session cache). */
    public SSLContext context() {
        return context;
    }

    private static TrustManager[] clientTrust(TlsListenerConfig config) throws IOException, GeneralSecurityException {
        return config.clientCa() == null ? null : PemKeyMaterial.trustManagers(config.clientCa());
    }

    /** RFC 5280 §4.2.1.6: the DNS names of the certificate's subjectAltName. */
    private static List<String> dnsNames(X509Certificate leaf) throws CertificateParsingException {
        List<String> names = new ArrayList<>();
        Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
        if (sans != null) {
            for (List<?> san : sans) {
                if (Integer.valueOf(2).equals(san.get(0))) {
                    names.add((String) san.get(1));
                }
            }
        }
        return names;
    }

    /** Accepts the host names some certificate of the listener serves. */
    private static final class ServedNames extends SNIMatcher {
        private final SniKeyManager keys;

        ServedNames(SniKeyManager keys) {
            super(StandardConstants.SNI_HOST_NAME);
            this.keys = keys;
        }

        @Override
        public boolean matches(SNIServerName name) {
            return name instanceof SNIHostName && keys.serves(((SNIHostName) name).getAsciiName());
        }
    }
}
