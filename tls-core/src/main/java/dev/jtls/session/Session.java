package dev.jtls.session;

import dev.jtls.suite.CipherSuite;
import dev.jtls.pki.CertifiedKey;
import dev.jtls.record.InvalidMessage;
import dev.jtls.record.ProtocolVersion;
import dev.jtls.record.TlsAlertException;
import dev.jtls.record.TlsReader;
import dev.jtls.record.TlsWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a TLS 1.2 session is (RFC 5246 §7: "session state"): the facts an abbreviated handshake needs
 * (id, suite, version, master secret, EMS flag) and what an application may ask about afterwards
 * (peer and local certificate chains, the SNI host name and ALPN protocol of the handshake that made
 * it, creation time, lifetime). Immutable; byte arrays are copied in and out.
 *
 * <p>{@link #toString()} never prints the master secret. {@link #encode}/{@link #decode} are a
 * compact, versioned, strictly bounded binary form used inside session tickets (RFC 5077 §4 leaves
 * the ticket's content to the server). The JSSE layer keeps the mutable parts of an
 * {@code SSLSession} (last access time, application values) in its own wrapper.
 */
public final class Session {
    /** RFC 5246 §7.4.1.2: SessionID session_id&lt;0..32&gt;. */
    public static final int MAX_ID_LENGTH = 32;
    /** RFC 5246 §8.1: the master secret is always 48 bytes. */
    public static final int MASTER_SECRET_LENGTH = 48;
    /** The encoding's version byte; a ticket made by a later format is simply not resumed. */
    static final int FORMAT_VERSION = 1;
    private static final int FLAG_EMS = 0x01;
    /** RFC 7366: the session's records are encrypt-then-MAC (only ever with a CBC suite). */
    private static final int FLAG_ETM = 0x02;
    /** The lifetime is encoded as uint32 seconds (RFC 5077 §3.3 ticket_lifetime_hint is uint32 too). */
    public static final long MAX_LIFETIME_SECONDS = 0xffffffffL;
    private static final int MAX_CERT_LENGTH = 0xffffff;

    private final byte[] id;
    private final CipherSuite cipherSuite;
    private final ProtocolVersion protocolVersion;
    private final byte[] masterSecret;
    private final boolean extendedMasterSecret;
    private final boolean encryptThenMac;
    private final List<byte[]> peerCertificates;
    private final List<byte[]> localCertificates;
    private final String serverName;
    private final String applicationProtocol;
    /** Kept as numbers, not Instant and Duration objects: a session lives as long as its connection. */
    private final long creationMillis;
    private final long lifetimeSeconds;

    private Session(Builder b) {
        this.id = checkId(b.id).clone();
        this.cipherSuite = Objects.requireNonNull(b.cipherSuite, "cipherSuite");
        this.protocolVersion = Objects.requireNonNull(b.protocolVersion, "protocolVersion");
        Objects.requireNonNull(b.masterSecret, "masterSecret");
        if (b.masterSecret.length != MASTER_SECRET_LENGTH) {
            throw new IllegalArgumentException("master secret must be 48 bytes");
        }
        this.masterSecret = b.masterSecret.clone();
        this.extendedMasterSecret = b.extendedMasterSecret;
        if (b.encryptThenMac && !(b.cipherSuite.protection() instanceof CipherSuite.Cbc)) {
            throw new IllegalArgumentException("encrypt-then-MAC with the non-CBC suite " + b.cipherSuite);
        }
        this.encryptThenMac = b.encryptThenMac;
        this.peerCertificates = b.peerShared ? checkChain(b.peerCertificates) : copyChain(b.peerCertificates);
        this.localCertificates = b.localShared ? checkChain(b.localCertificates) : copyChain(b.localCertificates);
        this.serverName = checkName(b.serverName, 0xffff, "server name");
        this.applicationProtocol = checkName(b.applicationProtocol, 0xff, "application protocol");
        Instant created = Objects.requireNonNull(b.creationTime, "creationTime");
        if (created.isBefore(Instant.EPOCH) || created.getEpochSecond() > Long.MAX_VALUE / 1000 - 1) {
            throw new IllegalArgumentException("creation time out of range");
        }
        // Millisecond precision, so that decode(encode(s)) equals s.
        this.creationMillis = created.toEpochMilli();
        Duration life = Objects.requireNonNull(b.lifetime, "lifetime");
        if (life.isNegative() || life.getSeconds() > MAX_LIFETIME_SECONDS) {
            throw new IllegalArgumentException("lifetime out of range");
        }
        this.lifetimeSeconds = life.getSeconds();
    }

    private static byte[] checkId(byte[] id) {
        Objects.requireNonNull(id, "id");
        if (id.length > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("session id longer than 32 bytes");
        }
        return id;
    }

    private static List<byte[]> copyChain(List<byte[]> chain) {
        byte[][] out = new byte[chain.size()][];
        for (int i = 0; i < out.length; i++) {
            byte[] cert = chain.get(i);
            checkLength(cert);
            out[i] = cert.clone();
        }
        // Immutable and compact: List.of() for no chain, one small object for one or two certificates.
        return List.of(out);
    }

    /**
     * A chain whose encodings nobody changes (a {@link CertifiedKey}'s, or another session's),
     * kept as it is: every session of a server shares its certificate's bytes instead of holding a
     * copy per connection. The accessors still hand out copies.
     */
    private static List<byte[]> checkChain(List<byte[]> chain) {
        for (byte[] cert : chain) {
            checkLength(cert);
        }
        return chain;
    }

    private static void checkLength(byte[] cert) {
        if (cert.length == 0 || cert.length > MAX_CERT_LENGTH) {
            throw new IllegalArgumentException("certificate length out of range");
        }
    }

    /**
     * Names are stored as ISO-8859-1 so that any received bytes (SNI host names are ASCII, RFC 6066
     * §3; ALPN names are opaque, RFC 7301 §3.1) map one to one onto chars.
     */
    private static String checkName(String name, int maxLength, String what) {
        if (name == null) {
            return null;
        }
        if (name.isEmpty() || name.length() > maxLength) {
            throw new IllegalArgumentException(what + " length out of range");
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) > 0xff) {
                throw new IllegalArgumentException(what + " has a char outside ISO-8859-1");
            }
        }
        return name;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this session's values, e.g. to give a session a new id. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.cipherSuite = cipherSuite;
        b.protocolVersion = protocolVersion;
        b.masterSecret = masterSecret;
        b.extendedMasterSecret = extendedMasterSecret;
        b.encryptThenMac = encryptThenMac;
        b.peerCertificates = peerCertificates;
        b.peerShared = true;
        b.localCertificates = localCertificates;
        b.localShared = true;
        b.serverName = serverName;
        b.applicationProtocol = applicationProtocol;
        b.creationTime = creationTime();
        b.lifetime = lifetime();
        return b;
    }

    public byte[] id() {
        return id.clone();
    }

    public CipherSuite cipherSuite() {
        return cipherSuite;
    }

    public ProtocolVersion protocolVersion() {
        return protocolVersion;
    }

    /** A copy of the 48-byte master secret. */
    public byte[] masterSecret() {
        return masterSecret.clone();
    }

    /** Whether the master secret was made with RFC 7627's extended master secret. */
    public boolean extendedMasterSecret() {
        return extendedMasterSecret;
    }

    /** Whether the session's records are encrypt-then-MAC (RFC 7366); false for AEAD suites. */
    public boolean encryptThenMac() {
        return encryptThenMac;
    }

    /**
     * RFC 7627 §5.3 (the client SHOULD NOT offer, and a server never accepts, resumption of a session
     * without EMS; RFC 7627 §1 shows why: without EMS a man in the middle can make two sessions share
     * a master secret): only EMS sessions are.
     */
    public boolean isResumable() {
        return extendedMasterSecret;
    }

    /** The peer's certificate chain, leaf first, as DER; empty if the peer sent none. Copies. */
    public List<byte[]> peerCertificates() {
        return copies(peerCertificates);
    }

    /** The chain this side sent, leaf first, as DER; empty if none. Copies. */
    public List<byte[]> localCertificates() {
        return copies(localCertificates);
    }

    private static List<byte[]> copies(List<byte[]> chain) {
        List<byte[]> out = new ArrayList<>(chain.size());
        for (byte[] c : chain) {
            out.add(c.clone());
        }
        return out;
    }

    /** The SNI host name the session was made for (RFC 6066 §3), or null if none was sent. */
    public String serverName() {
        return serverName;
    }

    /** The ALPN protocol negotiated (RFC 7301), or null if none. */
    public String applicationProtocol() {
        return applicationProtocol;
    }

    /** When the full handshake that made the session finished, by the injected clock (ms precision). */
    public Instant creationTime() {
        return Instant.ofEpochMilli(creationMillis);
    }

    /** How long after {@link #creationTime()} the session may be resumed (whole seconds). */
    public Duration lifetime() {
        return Duration.ofSeconds(lifetimeSeconds);
    }

    /** True if {@code now} is in [creationTime, creationTime + lifetime). */
    public boolean isValidAt(Instant now) {
        Instant created = creationTime();
        return !now.isBefore(created) && now.isBefore(created.plusSeconds(lifetimeSeconds));
    }

    /**
     * Writes the session: format version, protocol version, suite, id, master secret, flags,
     * creation time (ms), lifetime (s), server name, ALPN, peer chain, local chain.
     */
    public void encode(TlsWriter w) {
        w.uint8(FORMAT_VERSION);
        protocolVersion.encode(w);
        w.uint16(cipherSuite.code());
        w.opaque8(id);
        w.bytes(masterSecret);
        w.uint8((extendedMasterSecret ? FLAG_EMS : 0) | (encryptThenMac ? FLAG_ETM : 0));
        w.uint64(creationMillis);
        w.uint32(lifetimeSeconds);
        w.opaque16(nameBytes(serverName));
        w.opaque8(nameBytes(applicationProtocol));
        encodeChain(w, peerCertificates);
        encodeChain(w, localCertificates);
    }

    private static byte[] nameBytes(String name) {
        return name == null ? new byte[0] : name.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void encodeChain(TlsWriter w, List<byte[]> chain) {
        w.lengthPrefixed24(c -> {
            for (byte[] cert : chain) {
                c.opaque24(cert);
            }
        });
    }

    /**
     * Reads what {@link #encode} wrote. Anything malformed — unknown format version, unknown suite,
     * reserved flag bits, out-of-range lengths or times — is a {@link TlsAlertException}
     * (decode_error); nothing else escapes. Does not check for trailing bytes (use
     * {@link TlsReader#readAll}).
     */
    public static Session decode(TlsReader r) {
        int format = r.uint8("session format");
        if (format != FORMAT_VERSION) {
            throw malformed("unknown session format " + format);
        }
        Builder b = new Builder();
        b.protocolVersion = ProtocolVersion.decode(r, "session version");
        int suiteCode = r.uint16("session cipher suite");
        b.cipherSuite = CipherSuite.fromCode(suiteCode);
        if (b.cipherSuite == null) {
            throw malformed("unknown cipher suite in session");
        }
        b.id = r.opaque8("session id", 0, MAX_ID_LENGTH);
        b.masterSecret = r.bytes(MASTER_SECRET_LENGTH, "master secret");
        int flags = r.uint8("session flags");
        if ((flags & ~(FLAG_EMS | FLAG_ETM)) != 0) {
            throw malformed("reserved session flags set");
        }
        b.extendedMasterSecret = (flags & FLAG_EMS) != 0;
        b.encryptThenMac = (flags & FLAG_ETM) != 0;
        if (b.encryptThenMac && !(b.cipherSuite.protection() instanceof CipherSuite.Cbc)) {
            throw malformed("encrypt-then-MAC flag with a non-CBC suite");
        }
        long millis = r.uint64("creation time");
        if (millis < 0 || millis / 1000 > Long.MAX_VALUE / 1000 - 1) {
            throw malformed("creation time out of range");
        }
        b.creationTime = Instant.ofEpochMilli(millis);
        b.lifetime = Duration.ofSeconds(r.uint32("session lifetime"));
        b.serverName = name(r.opaque16("server name", 0, 0xffff));
        b.applicationProtocol = name(r.opaque8("application protocol", 0, 0xff));
        // Freshly read arrays nobody else has: shared with equal ones other sessions hold, not copied.
        b.peerCertificates = decodeChain(r, "peer certificates");
        b.peerShared = true;
        b.localCertificates = decodeChain(r, "local certificates");
        b.localShared = true;
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            // Not reachable with the bounds above; kept so that decode's contract holds whatever changes.
            throw malformed("session field out of range");
        }
    }

    private static String name(byte[] bytes) {
        return bytes.length == 0 ? null : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static List<byte[]> decodeChain(TlsReader r, String what) {
        TlsReader list = r.vector24(what, 0, 0xffffff);
        List<byte[]> chain = new ArrayList<>();
        while (list.hasRemaining()) {
            chain.add(CertificateEncodings.intern(list.opaque24("certificate", 1, MAX_CERT_LENGTH)));
        }
        return List.copyOf(chain);
    }

    private static TlsAlertException malformed(String message) {
        return new TlsAlertException(InvalidMessage.VALUE_OUT_OF_RANGE, message);
    }

    /** Equal if every field is equal (master secret included, compared by content). */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Session)) {
            return false;
        }
        Session s = (Session) o;
        return Arrays.equals(id, s.id) && cipherSuite == s.cipherSuite
                && protocolVersion.equals(s.protocolVersion)
                && Arrays.equals(masterSecret, s.masterSecret)
                && extendedMasterSecret == s.extendedMasterSecret
                && encryptThenMac == s.encryptThenMac
                && chainsEqual(peerCertificates, s.peerCertificates)
                && chainsEqual(localCertificates, s.localCertificates)
                && Objects.equals(serverName, s.serverName)
                && Objects.equals(applicationProtocol, s.applicationProtocol)
                && creationMillis == s.creationMillis && lifetimeSeconds == s.lifetimeSeconds;
    }

    private static boolean chainsEqual(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Hashes only public fields: the master secret stays out of hash tables' reach. */
    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(id), cipherSuite, protocolVersion, creationTime());
    }

    /** Everything but the master secret. */
    @Override
    public String toString() {
        return "Session[id=" + hex(id) + ", " + cipherSuite + ", " + protocolVersion
                + ", ems=" + extendedMasterSecret + ", etm=" + encryptThenMac + ", sni=" + serverName + ", alpn=" + applicationProtocol
                + ", peerCertificates=" + peerCertificates.size() + ", created=" + creationTime()
                + ", lifetime=" + lifetime() + "]";
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }

    /** Builds a {@link Session}; {@link #build()} checks every field. */
    public static final class Builder {
        private byte[] id = new byte[0];
        private CipherSuite cipherSuite;
        private ProtocolVersion protocolVersion = ProtocolVersion.TLS1_2;
        private byte[] masterSecret;
        private boolean extendedMasterSecret;
        private boolean encryptThenMac;
        private List<byte[]> peerCertificates = List.of();
        private List<byte[]> localCertificates = List.of();
        /** True when the chain is one nobody changes (this session's own, a key's): kept without a copy. */
        private boolean peerShared;
        private boolean localShared;
        private String serverName;
        private String applicationProtocol;
        private Instant creationTime;
        private Duration lifetime;

        private Builder() {
        }

        public Builder id(byte[] id) {
            this.id = id;
            return this;
        }

        public Builder cipherSuite(CipherSuite suite) {
            this.cipherSuite = suite;
            return this;
        }

        public Builder protocolVersion(ProtocolVersion version) {
            this.protocolVersion = version;
            return this;
        }

        public Builder masterSecret(byte[] masterSecret) {
            this.masterSecret = masterSecret;
            return this;
        }

        public Builder extendedMasterSecret(boolean ems) {
            this.extendedMasterSecret = ems;
            return this;
        }

        /** RFC 7366: the session's records are encrypt-then-MAC; only with a CBC suite. */
        public Builder encryptThenMac(boolean etm) {
            this.encryptThenMac = etm;
            return this;
        }


        /** The peer's chain, leaf first (copied). */
        public Builder peerCertificates(List<byte[]> chain) {
            this.peerCertificates = Objects.requireNonNull(chain);
            this.peerShared = false;
            return this;
        }

        /**
         * The peer's chain, leaf first, as encodings nobody changes (shared with other sessions, see
         * {@link dev.jtls.session.CertificateEncodings}): kept as they are, not copied.
         */
        public Builder sharedPeerCertificates(List<byte[]> chain) {
            this.peerCertificates = Objects.requireNonNull(chain);
            this.peerShared = true;
            return this;
        }

        /** Our own chain, leaf first (copied). */
        public Builder localCertificates(List<byte[]> chain) {
            this.localCertificates = Objects.requireNonNull(chain);
            this.localShared = false;
            return this;
        }

        /** Our own chain: {@code key}'s encodings, shared, not copied (a server's sessions all have the same). */
        public Builder localCertificates(CertifiedKey key) {
            List<byte[]> chain;
            try {
                // A JSSE key manager's chain comes back as a new CertifiedKey per handshake but the
                // same certificate objects: their shared encodings, not this key's own.
                chain = dev.jtls.session.CertificateEncodings.of(key.chain());
            } catch (java.security.cert.CertificateEncodingException e) {
                chain = key.encodedChain();
            }
            this.localCertificates = chain;
            this.localShared = true;
            return this;
        }

        /** The SNI host name, or null. */
        public Builder serverName(String serverName) {
            this.serverName = serverName;
            return this;
        }

        /** The ALPN protocol, or null. */
        public Builder applicationProtocol(String protocol) {
            this.applicationProtocol = protocol;
            return this;
        }

        public Builder creationTime(Instant creationTime) {
            this.creationTime = creationTime;
            return this;
        }

        public Builder lifetime(Duration lifetime) {
            this.lifetime = lifetime;
            return this;
        }

        /** @throws IllegalArgumentException or NullPointerException if a field is missing or out of range */
        public Session build() {
            return new Session(this);
        }
    }
}
