package dev.jtls.config;

import dev.jtls.crypto.CryptoProvider;
import dev.jtls.crypto.CryptoProviders;
import dev.jtls.crypto.NamedGroup;
import dev.jtls.crypto.SignatureScheme;
import dev.jtls.suite.CipherSuite;
import dev.jtls.handshake.KeyLog;
import dev.jtls.message.LocalProblem;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.pki.TrustVerifier;
import dev.jtls.record.RecordProtection;
import dev.jtls.record.TlsAlertException;
import dev.jtls.session.ClientSessionCache;
import dev.jtls.session.ServerSessionCache;
import dev.jtls.session.DerivedTicketKeys;
import dev.jtls.session.TicketKeys;
import dev.jtls.session.TicketSealer;
import dev.jtls.session.TicketSecret;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a connection needs to know that is not about one connection: built once, immutable,
 * shared by many connections, so that no connection can change another's settings. tls-core reads
 * no system properties; the JSSE layer maps SSLParameters onto one of these.
 */
public final class TlsConfig {
    /** A verifier for a configuration that was given none: every chain is refused. */
    private static final TrustVerifier TRUSTS_NOTHING = new TrustVerifier() {
        @Override
        public void verifyServer(List<java.security.cert.X509Certificate> chain, dev.jtls.pki.ServerCheck check) {
            throw new TlsAlertException(LocalProblem.NO_TRUST_CONFIGURED, "no trust is configured (TlsConfig.trust)");
        }

        @Override
        public void verifyClient(List<java.security.cert.X509Certificate> chain) {
            throw new TlsAlertException(LocalProblem.NO_TRUST_CONFIGURED, "no trust is configured (TlsConfig.trust)");
        }
    };

    private final CryptoProvider crypto;
    private final Clock clock;
    private final List<CipherSuite> cipherSuites;
    private final List<NamedGroup> groups;
    private final List<SignatureScheme> signatureSchemes;
    private final List<String> alpnProtocols;
    private final AlpnSelector alpnSelector;
    private final List<CertifiedKey> certifiedKeys;
    private final TrustVerifier trust;
    private final ClientAuth clientAuth;
    private final UnknownServerName unknownServerName;
    private final boolean strictAlpn;
    private final int offerMaxFragmentLength;
    private final boolean offerRecordSizeLimit;
    private final int recordSizeLimit;
    private final boolean encryptThenMac;
    private final boolean sessionIdResumption;
    private final boolean sessionTickets;
    private final boolean newSessionsAllowed;
    private final boolean requestOcspStaple;
    private final Limits limits;
    private final KeyLog keyLog;
    private final ServerSessionCache serverSessionCache;
    private final ClientSessionCache clientSessionCache;
    private final TicketSealer ticketSealer;
    private final CertificateSelector certificateSelector;
    private final SuitePreference suitePreference;

    private TlsConfig(Builder b) {
        this.crypto = b.crypto;
        this.clock = b.clock;
        this.cipherSuites = List.copyOf(b.cipherSuites);
        this.groups = List.copyOf(b.groups);
        this.signatureSchemes = List.copyOf(b.signatureSchemes);
        this.alpnProtocols = List.copyOf(b.alpnProtocols);
        this.alpnSelector = b.alpnSelector;
        this.certifiedKeys = List.copyOf(b.certifiedKeys);
        this.trust = b.trust;
        this.clientAuth = b.clientAuth;
        this.unknownServerName = b.unknownServerName;
        this.strictAlpn = b.strictAlpn;
        this.offerMaxFragmentLength = b.offerMaxFragmentLength;
        this.offerRecordSizeLimit = b.offerRecordSizeLimit;
        this.recordSizeLimit = b.recordSizeLimit;
        this.encryptThenMac = b.encryptThenMac;
        this.sessionIdResumption = b.sessionIdResumption;
        this.sessionTickets = b.sessionTickets;
        this.newSessionsAllowed = b.newSessionsAllowed;
        this.requestOcspStaple = b.requestOcspStaple;
        this.limits = b.limits;
        this.keyLog = b.keyLog;
        this.serverSessionCache = b.serverSessionCache != null ? b.serverSessionCache : new ServerSessionCache(clock);
        this.clientSessionCache = b.clientSessionCache != null ? b.clientSessionCache : new ClientSessionCache(clock);
        if (b.ticketSealer != null && b.ticketSecret != null) {
            throw new IllegalStateException("set either a ticket sealer or a ticket secret, not both");
        }
        this.ticketSealer = b.ticketSealer != null ? b.ticketSealer
                : b.ticketSecret != null ? newTicketSealer(crypto, clock, b.ticketSecret) : newTicketSealer(crypto, clock);
        this.certificateSelector = b.certificateSelector != null ? b.certificateSelector
                : CertificateSelector.fixed(certifiedKeys);
        this.suitePreference = b.suitePreference;
    }

    /** How often the server's ticket-protection key changes. */
    public static final Duration TICKET_KEY_ROTATION = Duration.ofHours(12);

    /** The groups offered and accepted unless configured: fastest first (x25519), then the NIST curves. */
    public static final List<NamedGroup> DEFAULT_GROUPS = List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1,
            NamedGroup.X448, NamedGroup.SECP521R1);

    public static Builder builder() {
        return new Builder();
    }

    public CryptoProvider crypto() {
        return crypto;
    }

    /** The source of randomness for hello randoms, key shares, IVs and tickets. */
    public SecureRandom random() {
        return crypto.random();
    }

    public Clock clock() {
        return clock;
    }

    /** Enabled suites in preference order (the server's order decides; RFC 5246 §7.4.1.3). */
    public List<CipherSuite> cipherSuites() {
        return cipherSuites;
    }

    public List<NamedGroup> groups() {
        return groups;
    }

    public List<SignatureScheme> signatureSchemes() {
        return signatureSchemes;
    }

    /** Protocols a client offers with ALPN, in preference order; empty for none. */
    public List<String> alpnProtocols() {
        return alpnProtocols;
    }

    /** How a server picks from the client's ALPN list; null when the server does not do ALPN. */
    public AlpnSelector alpnSelector() {
        return alpnSelector;
    }

    /** Key pairs this side can authenticate with: a server chooses by SNI, suite and signature_algorithms. */
    public List<CertifiedKey> certifiedKeys() {
        return certifiedKeys;
    }

    public TrustVerifier trust() {
        return trust;
    }

    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** What a server does with an SNI name none of its certificates has; {@link UnknownServerName#IGNORE} by default. */
    public UnknownServerName unknownServerName() {
        return unknownServerName;
    }

    /** True if a server refuses a server_name none of its certificates has (fatal unrecognized_name, RFC 6066 §3). */
    public boolean strictSni() {
        return unknownServerName == UnknownServerName.FATAL;
    }

    /**
     * True if a server refuses, with a fatal no_application_protocol (RFC 7301 §3.2), a client
     * whose ALPN list has no protocol it speaks, even where its {@link AlpnSelector} would decline
     * or it has none; clients that send no ALPN are still served. Off by default.
     */
    public boolean strictAlpn() {
        return strictAlpn;
    }

    /** The max_fragment_length (512, 1024, 2048 or 4096) a client asks for; 0 (the default) for none. */
    public int offerMaxFragmentLength() {
        return offerMaxFragmentLength;
    }

    /** True if a client sends record_size_limit (RFC 8449); off by default. */
    public boolean offerRecordSizeLimit() {
        return offerRecordSizeLimit;
    }

    /**
     * The largest record plaintext this side accepts, advertised in record_size_limit (RFC 8449
     * §4) by a client that offers it and by a server answering one; once both sides sent the
     * extension, a protected record over it is record_overflow. 2^14 (TLS 1.2's maximum) by default.
     */
    public int recordSizeLimit() {
        return recordSizeLimit;
    }

    /**
     * True (the default) if a client offers, and a server accepts, encrypt_then_mac (RFC 7366) for
     * CBC suites; false for the MAC-then-encrypt records of RFC 5246 §6.2.3.2.
     */
    public boolean encryptThenMac() {
        return encryptThenMac;
    }

    public boolean sessionIdResumption() {
        return sessionIdResumption;
    }

    public boolean sessionTickets() {
        return sessionTickets;
    }

    /**
     * True (the default) if a handshake may create a new session; false if it may only resume one
     * (JSSE's {@code setEnableSessionCreation(false)}): a client without a session to offer does not
     * start, and either side aborts with handshake_failure when the peer does not resume.
     */
    public boolean newSessionsAllowed() {
        return newSessionsAllowed;
    }

    /**
     * True (the default) if a client asks the server to staple an OCSP response (RFC 6066 §8
     * status_request); the stapled response goes to the {@link TrustVerifier} in
     * {@link dev.jtls.pki.ServerCheck#stapledOcspResponse()}. Servers ignore it.
     */
    public boolean requestOcspStaple() {
        return requestOcspStaple;
    }

    public Limits limits() {
        return limits;
    }

    /** The NSS key log; {@link KeyLog#NONE} unless configured. The only way secrets leave jtls. */
    public KeyLog keyLog() {
        return keyLog;
    }

    /** Sessions a server can resume by id; shared by every connection made with this config. */
    public ServerSessionCache serverSessionCache() {
        return serverSessionCache;
    }

    /** Sessions a client offers again, by peer; shared by every connection made with this config. */
    public ClientSessionCache clientSessionCache() {
        return clientSessionCache;
    }

    /** Seals and opens RFC 5077 tickets with this config's rotating keys. */
    public TicketSealer ticketSealer() {
        return ticketSealer;
    }

    /**
     * Chooses the keys for each handshake; by default {@link CertificateSelector#fixed} over
     * {@link #certifiedKeys()}.
     */
    public CertificateSelector certificateSelector() {
        return certificateSelector;
    }

    /** Whose suite order a server follows; {@link SuitePreference#SERVER} by default. */
    public SuitePreference suitePreference() {
        return suitePreference;
    }

    /** A new TicketSealer with fresh rotating keys, for configs that are to share one ({@link Builder#ticketSealer}). */
    public static TicketSealer newTicketSealer(CryptoProvider crypto, Clock clock) {
        // RFC 5077 §5.5: ticket keys rotate; a retired key still opens tickets for two more periods.
        return new TicketSealer(crypto, new TicketKeys(crypto, clock, TICKET_KEY_ROTATION, 2), clock);
    }

    /** A new TicketSealer whose keys are derived from a secret shared by every instance ({@link Builder#ticketSecret}). */
    public static TicketSealer newTicketSealer(CryptoProvider crypto, Clock clock, TicketSecret secret) {
        return new TicketSealer(crypto, new DerivedTicketKeys(secret, crypto, clock), clock);
    }

    /** Builds a {@link TlsConfig}; every setting has a safe default. */
    public static final class Builder {
        private CryptoProvider crypto;
        private Clock clock = Clock.systemUTC();
        private List<CipherSuite> cipherSuites = CipherSuite.defaultOrder();
        private List<NamedGroup> groups = DEFAULT_GROUPS;
        private List<SignatureScheme> signatureSchemes = List.of(SignatureScheme.values());
        private List<String> alpnProtocols = List.of();
        private AlpnSelector alpnSelector;
        private final List<CertifiedKey> certifiedKeys = new ArrayList<>();
        private TrustVerifier trust = TRUSTS_NOTHING;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private UnknownServerName unknownServerName = UnknownServerName.IGNORE;
        private boolean strictAlpn;
        private int offerMaxFragmentLength;
        private boolean offerRecordSizeLimit;
        private int recordSizeLimit = RecordProtection.MAX_PLAINTEXT;
        private boolean encryptThenMac = true;
        private boolean sessionIdResumption = true;
        private boolean sessionTickets = true;
        private boolean newSessionsAllowed = true;
        private boolean requestOcspStaple = true;
        private Limits limits = Limits.DEFAULT;
        private KeyLog keyLog = KeyLog.NONE;
        private ServerSessionCache serverSessionCache;
        private ClientSessionCache clientSessionCache;
        private TicketSealer ticketSealer;
        private TicketSecret ticketSecret;
        private CertificateSelector certificateSelector;
        private SuitePreference suitePreference = SuitePreference.SERVER;

        private Builder() {
        }

        /** The crypto backend; by default {@link CryptoProviders#defaults()}. Its random is the config's random. */
        public Builder crypto(CryptoProvider crypto) {
            this.crypto = Objects.requireNonNull(crypto);
            return this;
        }

        /** The clock for session lifetimes, ticket rotation and certificate validity (tests inject a fixed one). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder cipherSuites(List<CipherSuite> suites) {
            this.cipherSuites = nonEmpty(suites, "cipher suites");
            return this;
        }

        public Builder groups(List<NamedGroup> groups) {
            this.groups = nonEmpty(groups, "groups");
            return this;
        }

        public Builder signatureSchemes(List<SignatureScheme> schemes) {
            this.signatureSchemes = nonEmpty(schemes, "signature schemes");
            return this;
        }

        /** RFC 7301 §3.1: each protocol name is 1 to 255 bytes. */
        public Builder alpnProtocols(List<String> protocols) {
            for (String p : protocols) {
                int len = p.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                if (len < 1 || len > 255) {
                    throw new IllegalArgumentException("ALPN protocol name must be 1..255 bytes: '" + p + "'");
                }
            }
            this.alpnProtocols = List.copyOf(protocols);
            return this;
        }

        public Builder alpnSelector(AlpnSelector selector) {
            this.alpnSelector = selector;
            return this;
        }

        public Builder certifiedKey(CertifiedKey key) {
            this.certifiedKeys.add(Objects.requireNonNull(key));
            return this;
        }

        public Builder trust(TrustVerifier trust) {
            this.trust = Objects.requireNonNull(trust);
            return this;
        }

        public Builder clientAuth(ClientAuth mode) {
            this.clientAuth = Objects.requireNonNull(mode);
            return this;
        }

        /** RFC 6066 §3: what a server does with a server_name none of its certificates has. */
        public Builder unknownServerName(UnknownServerName policy) {
            this.unknownServerName = Objects.requireNonNull(policy);
            return this;
        }

        /**
         * Strict SNI (an ALPACA defence): on, a server answers a server_name that none of its
         * certificates names with a fatal unrecognized_name (RFC 6066 §3), that is
         * {@code unknownServerName(FATAL)}; off, {@code unknownServerName(IGNORE)} (the default).
         * A ClientHello without server_name is served either way.
         */
        public Builder strictSni(boolean on) {
            this.unknownServerName = on ? UnknownServerName.FATAL : UnknownServerName.IGNORE;
            return this;
        }

        /** Strict ALPN (an ALPACA defence): see {@link TlsConfig#strictAlpn()}. Off by default. */
        public Builder strictAlpn(boolean on) {
            this.strictAlpn = on;
            return this;
        }

        /**
         * Applies a server profile now: its suites and its SNI/ALPN strictness. Later calls still
         * change any of them. The default settings are {@link Profile#COMPATIBLE}'s.
         */
        public Builder profile(Profile profile) {
            this.cipherSuites = profile.cipherSuites();
            strictSni(profile.strict());
            this.strictAlpn = profile.strict();
            return this;
        }

        /**
         * RFC 6066 §4: a client asks the server to send records of at most {@code length} plaintext
         * bytes (512, 1024, 2048 or 4096; 0 for none, the default) and sends no larger ones itself
         * once the server agrees.
         */
        public Builder offerMaxFragmentLength(int length) {
            if (length != 0 && length != 512 && length != 1024 && length != 2048 && length != 4096) {
                throw new IllegalArgumentException("max_fragment_length must be 512, 1024, 2048 or 4096: " + length);
            }
            this.offerMaxFragmentLength = length;
            return this;
        }

        /**
         * RFC 8449: a client sends record_size_limit (2^14, TLS 1.2's maximum: it accepts full
         * records) so that a constrained server can ask for smaller ones. Off by default.
         */
        public Builder offerRecordSizeLimit(boolean on) {
            this.offerRecordSizeLimit = on;
            return this;
        }

        /**
         * RFC 8449 §4: the largest record plaintext this side accepts (64 to 2^14, the default),
         * advertised in record_size_limit (by a client only with {@link #offerRecordSizeLimit});
         * a protected record over it is refused with record_overflow.
         */
        public Builder recordSizeLimit(int limit) {
            // RFC 8449 §4: "Endpoints MUST NOT send a "record_size_limit" extension with a value
            // smaller than 64", nor above the protocol's maximum (2^14 in TLS 1.2).
            if (limit < 64 || limit > RecordProtection.MAX_PLAINTEXT) {
                throw new IllegalArgumentException("record_size_limit must be 64.." + RecordProtection.MAX_PLAINTEXT + ": " + limit);
            }
            this.recordSizeLimit = limit;
            return this;
        }

        /**
         * RFC 7366: with CBC suites, a client offers encrypt_then_mac and a server accepts it (on
         * by default). Off, a client does not offer it and a server answers a ClientHello that offers
         * it without it, so records are MAC-then-encrypt (RFC 5246 §6.2.3.2) — what peers without
         * RFC 7366 (SunJSSE) speak. No effect on AEAD suites.
         */
        public Builder encryptThenMac(boolean on) {
            this.encryptThenMac = on;
            return this;
        }

        public Builder sessionIdResumption(boolean on) {
            this.sessionIdResumption = on;
            return this;
        }

        public Builder sessionTickets(boolean on) {
            this.sessionTickets = on;
            return this;
        }

        /** See {@link TlsConfig#newSessionsAllowed()}; true by default. */
        public Builder newSessionsAllowed(boolean allowed) {
            this.newSessionsAllowed = allowed;
            return this;
        }

        /** RFC 6066 §8: whether a client sends status_request (ocsp, no responder ids). On by default. */
        public Builder requestOcspStaple(boolean on) {
            this.requestOcspStaple = on;
            return this;
        }

        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        /** Writes CLIENT_RANDOM lines (NSS SSLKEYLOGFILE format) for every full handshake. */
        public Builder keyLog(KeyLog keyLog) {
            this.keyLog = Objects.requireNonNull(keyLog);
            return this;
        }

        /** A server cache to share between configs; by default each config has its own. */
        public Builder serverSessionCache(ServerSessionCache cache) {
            this.serverSessionCache = Objects.requireNonNull(cache);
            return this;
        }

        /** A client cache to share between configs; by default each config has its own. */
        public Builder clientSessionCache(ClientSessionCache cache) {
            this.clientSessionCache = Objects.requireNonNull(cache);
            return this;
        }

        /**
         * The ticket sealer to share between configs (so that a ticket one issued another opens);
         * by default each config makes its own keys.
         */
        public Builder ticketSealer(TicketSealer sealer) {
            this.ticketSealer = Objects.requireNonNull(sealer);
            return this;
        }

        /**
         * Seals and opens tickets under keys derived from a secret that every instance of this server
         * shares ({@link DerivedTicketKeys}: one key per period, the previous and next periods' keys
         * accepted too), so that any instance resumes any instance's tickets; without it each config
         * makes its own random keys. Not together with {@link #ticketSealer}.
         */
        public Builder ticketSecret(TicketSecret secret) {
            this.ticketSecret = Objects.requireNonNull(secret);
            return this;
        }

        /** Chooses the keys per handshake instead of always offering {@link #certifiedKey} ones. */
        public Builder certificateSelector(CertificateSelector selector) {
            this.certificateSelector = Objects.requireNonNull(selector);
            return this;
        }

        /** Whose order of suites a server follows (RFC 5246 §7.4.1.3 leaves it to the server). */
        public Builder suitePreference(SuitePreference preference) {
            this.suitePreference = Objects.requireNonNull(preference);
            return this;
        }

        public TlsConfig build() {
            if (crypto == null) {
                crypto = CryptoProviders.defaults();
            }
            return new TlsConfig(this);
        }

        private static <T> List<T> nonEmpty(List<T> list, String what) {
            if (list.isEmpty()) {
                throw new IllegalArgumentException("at least one of the " + what + " must be enabled");
            }
            return List.copyOf(list);
        }
    }
}
