package dev.jtls.bench;

import java.lang.reflect.Method;
import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jsse.BCSSLEngine;
import org.bouncycastle.jsse.BCSSLParameters;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * The JSSE peers of the handshake and bulk tables, configured alike: TLS 1.2 only, one suite, one
 * group, the same signature schemes (ecdsa_secp256r1_sha256 and rsa_pkcs1_sha256: BCJSSE over
 * the JDK's JCA has no rsa_pss_rsae_sha256, it looks for BC's algorithm name), SNI and HTTPS host-name checking on the client, the
 * {@link Pki} certificates, PKIX trust in the bench CA.
 *
 * <p>BCJSSE takes groups and schemes per engine ({@link BCSSLParameters}). SunJSSE does from JDK 19
 * (schemes) and 20 (groups) through {@link SSLParameters}, called by reflection here; on older JDKs
 * only through the system properties {@code jdk.tls.namedGroups} and
 * {@code jdk.tls.client/server.SignatureSchemes}, which SunJSSE reads once per JVM — so the
 * benchmarks set them before any JSSE class is loaded (each JMH fork is a new JVM), and every op
 * checks on the wire which group and scheme were really used ({@link WireCheck}).
 *
 * <p>Session tickets: BCJSSE 1.84 has none. SunJSSE's are switched off for the JVM
 * ({@code jdk.tls.client/server.enableSessionTicketExtension=false}) unless a fork asks for them
 * with {@code -D...=true} (the ticket-resumption benchmark), so that full handshakes and session-id
 * resumption are the same protocol for everyone.
 */
final class Jsse {
    static final String SCHEMES = "ecdsa_secp256r1_sha256,rsa_pkcs1_sha256";

    static {
        defaultProperty("jdk.tls.client.enableSessionTicketExtension", "false");
        defaultProperty("jdk.tls.server.enableSessionTicketExtension", "false");
        defaultProperty("jdk.tls.client.SignatureSchemes", SCHEMES);
        defaultProperty("jdk.tls.server.SignatureSchemes", SCHEMES);
        // JDK 24+ disables TLS_RSA_* key exchange in SunJSSE (BCJSSE reads the same property);
        // the RSA key exchange row needs it in the peers. Must happen before JSSE reads it.
        String disabled = Security.getProperty("jdk.tls.disabledAlgorithms");
        if (disabled != null && disabled.contains("TLS_RSA_")) {
            List<String> kept = new ArrayList<>();
            for (String item : disabled.split(",")) {
                if (!item.trim().startsWith("TLS_RSA_")) {
                    kept.add(item.trim());
                }
            }
            Security.setProperty("jdk.tls.disabledAlgorithms", String.join(", ", kept));
        }
    }

    /** BCJSSE logs every handshake at INFO; warnings are enough (held: JUL keeps loggers weakly). */
    private static final java.util.logging.Logger BC_LOG = quiet();

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("org.bouncycastle.jsse");
        log.setLevel(java.util.logging.Level.WARNING);
        return log;
    }

    /** BC's JCA provider, as an instance (never installed). */
    static final Provider BC = new BouncyCastleProvider();

    private static final Method SET_NAMED_GROUPS = method("setNamedGroups");
    private static final Method SET_SIGNATURE_SCHEMES = method("setSignatureSchemes");

    private Jsse() {
    }

    /** Loads this class: sets the JVM-wide JSSE properties if nobody set them yet. */
    static void init() {
    }

    /**
     * For {@code impl} "sunjsse" on a JDK without per-engine named groups: asks SunJSSE for exactly
     * {@code group} on this JVM (jdk.tls.namedGroups, unless already set). Has an effect only
     * before SunJSSE first reads it; {@link WireCheck} catches it if it had none. Not for BCJSSE,
     * which takes groups per engine but also reads the property, per context, as its default list.
     */
    static void preferGroup(String impl, String group) {
        if (impl.equals("sunjsse") && SET_NAMED_GROUPS == null && group != null
                && System.getProperty("jdk.tls.namedGroups") == null) {
            System.setProperty("jdk.tls.namedGroups", group);
        }
    }

    private static void defaultProperty(String name, String value) {
        if (System.getProperty(name) == null) {
            System.setProperty(name, value);
        }
    }

    private static Method method(String name) {
        try {
            return SSLParameters.class.getMethod(name, String[].class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** The JSSE implementations compared. */
    enum Kind {
        SUNJSSE, BCJSSE, BCJSSE_JCA,
        /** jtls through its own JSSE provider's SSLEngine (key and trust managers: the JDK's). */
        JTLS_JSSE;

        Provider provider() {
            switch (this) {
                case SUNJSSE:
                    return null;
                case JTLS_JSSE:
                    return new dev.jtls.jsse.JtlsProvider();
                case BCJSSE:
                    return new BouncyCastleJsseProvider(BC);
                case BCJSSE_JCA:
                    // Crypto through the JDK's installed JCA providers (BC's JcaTlsCrypto, no BC JCA).
                    return new BouncyCastleJsseProvider();
                default:
                    throw new AssertionError(this);
            }
        }

        /** Key objects of BC's JCA for the BC-crypto BCJSSE (it does not take the JDK's for every algorithm). */
        Provider keyProvider() {
            return this == BCJSSE ? BC : null;
        }
    }

    /** A client and a server context of one implementation, sharing nothing but the certificates. */
    static final class Contexts {
        final Kind kind;
        final SSLContext server;
        final SSLContext client;

        Contexts(Kind kind) {
            this.kind = kind;
            Provider p = kind.provider();
            this.server = context(p, kind.keyProvider(), true);
            this.client = context(p, kind.keyProvider(), false);
        }

        /** A server engine for one suite and group (null: none, RSA key exchange). */
        SSLEngine serverEngine(String suite, String group) {
            SSLEngine e = server.createSSLEngine();
            e.setUseClientMode(false);
            configure(e, suite, group, false);
            return e;
        }

        /**
         * A client engine for one suite and group. With {@code resumable}, it is created for
         * HOST:443, so the implementation looks for a cached session; otherwise with no peer,
         * so it never resumes (SNI and the host-name check are set explicitly either way).
         */
        SSLEngine clientEngine(String suite, String group, boolean resumable) {
            SSLEngine e = resumable ? client.createSSLEngine(Pki.HOST, 443) : client.createSSLEngine();
            e.setUseClientMode(true);
            configure(e, suite, group, true);
            return e;
        }

        private void configure(SSLEngine e, String suite, String group, boolean client) {
            if (kind == Kind.SUNJSSE || kind == Kind.JTLS_JSSE) {
                SSLParameters p = e.getSSLParameters();
                p.setProtocols(new String[] {"TLSv1.2"});
                p.setCipherSuites(new String[] {suite});
                if (client) {
                    p.setServerNames(List.of(new SNIHostName(Pki.HOST)));
                    p.setEndpointIdentificationAlgorithm("HTTPS");
                }
                invoke(SET_NAMED_GROUPS, p, group == null ? null : new String[] {group});
                invoke(SET_SIGNATURE_SCHEMES, p, SCHEMES.split(","));
                if (kind == Kind.JTLS_JSSE) {
                    // Java 17 has no per-engine group or scheme lists; jtls's engine, like SunJSSE's,
                    // also reads them from the algorithm constraints, by IANA name.
                    p.setAlgorithmConstraints(new OnlyThese(group, SCHEMES.split(",")));
                }
                e.setSSLParameters(p);
            } else {
                BCSSLEngine bc = (BCSSLEngine) e;
                BCSSLParameters p = bc.getParameters();
                p.setProtocols(new String[] {"TLSv1.2"});
                p.setCipherSuites(new String[] {suite});
                if (client) {
                    p.setServerNames(List.of(new org.bouncycastle.jsse.BCSNIHostName(Pki.HOST)));
                    p.setEndpointIdentificationAlgorithm("HTTPS");
                }
                if (group != null) {
                    p.setNamedGroups(new String[] {group});
                }
                p.setSignatureSchemes(SCHEMES.split(","));
                bc.setParameters(p);
            }
        }

        private static void invoke(Method m, SSLParameters p, String[] value) {
            if (m == null || value == null) {
                return;
            }
            try {
                m.invoke(p, (Object) value);
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    /** Algorithm constraints allowing key agreement on one group and signatures with some schemes only. */
    private static final class OnlyThese implements java.security.AlgorithmConstraints {
        private static final List<String> GROUPS = List.of("x25519", "secp256r1", "secp384r1", "x448", "secp521r1");
        private final String group;
        private final List<String> schemes;

        OnlyThese(String group, String[] schemes) {
            this.group = group;
            this.schemes = List.of(schemes);
        }

        @Override
        public boolean permits(java.util.Set<java.security.CryptoPrimitive> primitives, String algorithm,
                               java.security.AlgorithmParameters parameters) {
            // Only TLS registry names are restricted (groups like "secp256r1", schemes like
            // "rsa_pkcs1_sha256"); JCA names such as "SHA256withRSA", which the JDK's trust manager
            // checks certificates against through the same constraints, pass.
            // Asked at every handshake: no set is made per call (the harness's own cost, not the engine's).
            if (only(primitives, java.security.CryptoPrimitive.KEY_AGREEMENT) && GROUPS.contains(algorithm)) {
                return group == null || group.equals(algorithm);
            }
            if (only(primitives, java.security.CryptoPrimitive.SIGNATURE) && algorithm.contains("_")) {
                return schemes.contains(algorithm);
            }
            return true;
        }

        private static boolean only(java.util.Set<java.security.CryptoPrimitive> primitives,
                                    java.security.CryptoPrimitive primitive) {
            return primitives.size() == 1 && primitives.contains(primitive);
        }

        @Override
        public boolean permits(java.util.Set<java.security.CryptoPrimitive> primitives, java.security.Key key) {
            return true;
        }

        @Override
        public boolean permits(java.util.Set<java.security.CryptoPrimitive> primitives, String algorithm,
                               java.security.Key key, java.security.AlgorithmParameters parameters) {
            return true;
        }
    }

    private static SSLContext context(Provider provider, Provider keyProvider, boolean server) {
        // jtls's provider has no KeyManagerFactory, and its PKIX trust manager applies the Web PKI
        // profile, which the bench certificates (no EKU) do not meet: it gets the JDK's managers.
        Provider managers = provider instanceof dev.jtls.jsse.JtlsProvider ? null : provider;
        try {
            char[] pw = "bench".toCharArray();
            KeyManagerFactory kmf = null;
            if (server) {
                KeyStore ks = keyProvider == null ? KeyStore.getInstance("PKCS12") : KeyStore.getInstance("PKCS12", keyProvider);
                ks.load(null, null);
                ks.setKeyEntry("rsa", convert(Pki.RSA_LEAF.privateKey(), keyProvider), pw,
                        new X509Certificate[] {convert(Pki.RSA_LEAF.certificate(), keyProvider)});
                ks.setKeyEntry("ec", convert(Pki.EC_LEAF.privateKey(), keyProvider), pw,
                        new X509Certificate[] {convert(Pki.EC_LEAF.certificate(), keyProvider)});
                // Each implementation's default key manager (SunJSSE: SunX509; BCJSSE: its X509).
                String alg = managers == null ? KeyManagerFactory.getDefaultAlgorithm() : "X509";
                kmf = managers == null ? KeyManagerFactory.getInstance(alg) : KeyManagerFactory.getInstance(alg, managers);
                kmf.init(ks, pw);
            }
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            ts.setCertificateEntry("ca", convert(Pki.CA.certificate(), keyProvider));
            ts.setCertificateEntry("rsa-ca", convert(Pki.RSA_CA.certificate(), keyProvider));
            TrustManagerFactory tmf = managers == null ? TrustManagerFactory.getInstance("PKIX")
                    : TrustManagerFactory.getInstance("PKIX", managers);
            tmf.init(ts);
            SSLContext ctx = provider == null ? SSLContext.getInstance("TLSv1.2") : SSLContext.getInstance("TLSv1.2", provider);
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.security.PrivateKey convert(java.security.PrivateKey key, Provider keyProvider)
            throws java.security.GeneralSecurityException {
        if (keyProvider == null) {
            return key;
        }
        return java.security.KeyFactory.getInstance(key.getAlgorithm(), keyProvider)
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(key.getEncoded()));
    }

    private static X509Certificate convert(X509Certificate cert, Provider keyProvider)
            throws java.security.GeneralSecurityException {
        if (keyProvider == null) {
            return cert;
        }
        return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509", keyProvider)
                .generateCertificate(new java.io.ByteArrayInputStream(cert.getEncoded()));
    }
}
